package clasp.oscquery.internal;

import clasp.api.Value;
import clasp.api.auth.Authoriser;
import clasp.api.message.AnnounceMessage;
import clasp.api.router.ClaspException;
import clasp.api.router.LocalSession;
import clasp.router.internal.OpenAuthoriser;
import clasp.router.internal.RouterComponent;
import clasp.router.internal.RouterSettings;
import clasp.router.internal.session.Session;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The real router (standalone, in memory) with the OSCQuery server on a free loopback port, in the test JVM. */
final class TestServer implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    final RouterComponent router = new RouterComponent();
    final OscQueryServer server;
    final int port;
    private final LocalSession writer;
    private final HttpClient http = HttpClient.newHttpClient();

    private volatile Authoriser authoriser = new OpenAuthoriser();

    TestServer(Object... keyValues) throws Exception {
        router.startStandalone(RouterSettings.defaults());
        writer = router.openSession("writer", false);
        server = new OscQueryServer(config(keyValues), router, () -> authoriser);
        server.start(local -> { });
        port = server.bound().get(10, TimeUnit.SECONDS).getPort();
    }

    /** From now on the router and the OSCQuery server ask {@code next}, as in the framework (one ranked service). */
    void useAuthoriser(Authoriser next) throws ReflectiveOperationException {
        Method bind = RouterComponent.class.getDeclaredMethod("bindAuthoriser", Authoriser.class);
        bind.setAccessible(true);
        bind.invoke(router, next);
        authoriser = next;
    }

    /** A SET by another client than the OSCQuery server's. */
    void set(String address, Value value) throws ClaspException {
        writer.set(address, value);
    }

    void announce(AnnounceMessage announce) throws ClaspException {
        router.core().announce((Session) writer, announce);
    }

    HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The body of a 200 answer as JSON. */
    JsonNode json(String pathAndQuery) throws IOException, InterruptedException {
        HttpResponse<String> r = get(pathAndQuery);
        if (r.statusCode() != 200) throw new AssertionError(pathAndQuery + ": " + r.statusCode());
        return JSON.readTree(r.body());
    }

    /** A WebSocket client, once the server has registered it (from then on it gets every notification). */
    WsClientRecorder client() throws Exception {
        int before = server.clientCount();
        WsClientRecorder client = new WsClientRecorder(ws());
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> server.clientCount() > before);
        return client;
    }

    URI ws() {
        return URI.create("ws://127.0.0.1:" + port + "/");
    }

    @Override
    public void close() {
        server.stop();
        writer.close();
        router.deactivate();
    }

    static JsonNode parse(String json) throws IOException {
        return JSON.readTree(json);
    }

    static OscQueryConfig config(Object... keyValues) {
        Map<String, Object> values = new HashMap<>(Map.of("host", "127.0.0.1", "port", 0, "removalCheckMillis", 100));
        for (int i = 0; i < keyValues.length; i += 2) values.put((String) keyValues[i], keyValues[i + 1]);
        Map<String, Object> copy = Map.copyOf(values);
        return (OscQueryConfig) Proxy.newProxyInstance(TestServer.class.getClassLoader(),
                new Class<?>[] {OscQueryConfig.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "annotationType" -> OscQueryConfig.class;
                    case "toString" -> "OscQueryConfig" + copy;
                    case "hashCode" -> copy.hashCode();
                    case "equals" -> proxy == args[0];
                    default -> copy.getOrDefault(method.getName(), method.getDefaultValue());
                });
    }
}
