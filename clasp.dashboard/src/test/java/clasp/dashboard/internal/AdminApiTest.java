package clasp.dashboard.internal;

import static org.assertj.core.api.Assertions.assertThat;

import clasp.api.Value;
import clasp.api.auth.Principal;
import clasp.api.http.HttpRequest;
import clasp.api.http.HttpResponse;
import clasp.api.router.ParamState;
import clasp.api.router.Router;
import clasp.api.router.RouterMetrics;
import clasp.api.router.RouterStats;
import clasp.api.router.StoreInfo;
import clasp.api.router.SessionInfo;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.service.cm.ConfigurationAdmin;

/** The admin API's reads and its kick against a router that answers from fixed lists (and records what it is asked). */
class AdminApiTest {
    private static final Principal OPS = new Principal("ops", java.util.Set.of("admin:/**"));

    @TempDir
    Path dir;

    private final List<String> asked = new ArrayList<>();
    private final Router router = (Router) Proxy.newProxyInstance(Router.class.getClassLoader(), new Class<?>[] {Router.class},
            (proxy, method, args) -> {
                switch (method.getName()) {
                    case "params" -> {
                        asked.add("params " + args[0]);
                        return List.of(new ParamState("/mixer/1/gain", Value.of(0.5), 7, "s1", 1_000, "s2"),
                                new ParamState("/mixer/1/name", Value.of("vox"), 1, "gone", 2_000, null));
                    }
                    case "sessions" -> {
                        return List.of(new SessionInfo("s1", "desk", "10.0.0.5:40000 via websocket:default", 2, 10, 20, 5,
                                null, "websocket:default", "open", 0), new SessionInfo("s2", "lighting", "local", 0, 0, 0, 6));
                    }
                    case "stats" -> {
                        return new RouterStats(1, 2, 3, 40, 50, 6, 7, 8, Map.of("rate-limited", 9L));
                    }
                    case "store" -> {
                        return new StoreInfo("memory", false, "off");
                    }
                    case "metrics" -> {
                        return new RouterMetrics(1, 2, 3, 0, 2, 50, Map.of(), Map.of(), Map.of(),
                                new java.util.TreeMap<>(Map.of(403, 2L, 404, 1L)), Map.of());
                    }
                    case "closeSession" -> {
                        asked.add("close " + args[0] + " " + args[1]);
                        return args[0].equals("s1");
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                }
            });

    private final AdminApi api = new AdminApi(router, instances(ConfigInstances.Kind.BRIDGE),
            instances(ConfigInstances.Kind.TRANSPORT), new Scenes(Path.of("no-scenes"), new ObjectMapper()), () -> null,
            () -> true, new ObjectMapper());

    private ConfigInstances instances(ConfigInstances.Kind kind) {
        ConfigurationAdmin none = (ConfigurationAdmin) Proxy.newProxyInstance(ConfigurationAdmin.class.getClassLoader(),
                new Class<?>[] {ConfigurationAdmin.class}, (p, m, a) -> { throw new UnsupportedOperationException(); });
        return new ConfigInstances(none, kind, List::of, dir);
    }

    @Test
    void paramsCarryRevisionWriterAndLockByName() {
        HttpResponse r = api.answer(get("/ui/api/params", Map.of("pattern", List.of("/mixer/**"))), OPS);
        assertThat(r.status()).isEqualTo(200);
        assertThat(text(r)).isEqualTo("[{\"address\":\"/mixer/1/gain\",\"value\":0.5,\"revision\":7,\"writer\":\"s1\","
                + "\"writerName\":\"desk\",\"timestamp\":1000,\"lock\":\"s2\",\"lockName\":\"lighting\"},"
                + "{\"address\":\"/mixer/1/name\",\"value\":\"vox\",\"revision\":1,\"writer\":\"gone\",\"writerName\":null,"
                + "\"timestamp\":2000,\"lock\":null,\"lockName\":null}]");
        assertThat(asked).containsExactly("params /mixer/**");
        assertThat(api.answer(get("/ui/api/params", Map.of("pattern", List.of("mixer"))), OPS).status()).isEqualTo(400);
    }

    @Test
    void aKickClosesTheSessionSayingWhoClosedIt() {
        HttpResponse r = api.answer(request("DELETE", "/ui/api/sessions/s1"), OPS);
        assertThat(r.status()).isEqualTo(200);
        assertThat(text(r)).isEqualTo("{\"closed\":\"s1\"}");
        assertThat(api.answer(request("DELETE", "/ui/api/sessions/s9"), OPS).status()).isEqualTo(404);
        assertThat(asked).containsExactly("close s1 closed by ops from the dashboard", "close s9 closed by ops from the dashboard");
    }

    @Test
    void statsCarryTheCountersTheStoreAndTheErrorsSentByCode() throws Exception {
        HttpResponse r = api.answer(get("/ui/api/stats", Map.of()), OPS);
        assertThat(r.status()).isEqualTo(200);
        com.fasterxml.jackson.databind.JsonNode stats = new ObjectMapper().readTree(r.body());
        assertThat(stats.get("framesInPerSecond").asLong()).isEqualTo(7);
        assertThat(stats.get("deliveriesDropped").asLong()).isEqualTo(6);
        assertThat(stats.get("refusals").toString()).isEqualTo("{\"rate-limited\":9}");
        assertThat(stats.get("store").get("store").asText()).isEqualTo("memory");
        assertThat(stats.get("errors").toString()).isEqualTo("{\"403\":2,\"404\":1}");
    }

    @Test
    void whoamiSaysTheModeAndPrincipal() {
        assertThat(text(api.answer(get("/ui/api/whoami", Map.of()), OPS)))
                .isEqualTo("{\"mode\":\"authenticated\",\"principal\":\"ops\",\"scopes\":[\"admin:/**\"]}");
    }

    @Test
    void unknownPathsAndMethodsAre404AndBadBodies400() {
        assertThat(api.answer(get("/ui/api/nothing", Map.of()), OPS).status()).isEqualTo(404);
        assertThat(api.answer(request("PUT", "/ui/api/sessions"), OPS).status()).isEqualTo(404);
        HttpRequest notJson = new HttpRequest("POST", "/ui/api/bridges", Map.of(), Map.of(), "{oops".getBytes(), "x:1", "default");
        assertThat(api.answer(notJson, OPS).status()).isEqualTo(400);
        HttpRequest unknownType = new HttpRequest("POST", "/ui/api/bridges", Map.of(), Map.of(),
                "{\"type\":\"osc\",\"name\":\"a\"}".getBytes(), "x:1", "default");
        HttpResponse r = api.answer(unknownType, OPS);
        assertThat(r.status()).isEqualTo(404);
        assertThat(text(r)).isEqualTo("{\"error\":\"no MetaType describes clasp.bridge.osc (is its bundle installed?)\"}");
    }

    @Test
    void scenesWithoutTheShellAre503() {
        HttpRequest save = new HttpRequest("POST", "/ui/api/scenes", Map.of(), Map.of(),
                "{\"name\":\"intro\",\"pattern\":\"/lights/**\"}".getBytes(), "x:1", "default");
        assertThat(api.answer(save, OPS).status()).isEqualTo(503);
        assertThat(text(api.answer(get("/ui/api/scenes", Map.of()), OPS))).isEqualTo("[]");
    }

    private static HttpRequest get(String path, Map<String, List<String>> query) {
        return new HttpRequest("GET", path, query, Map.of(), new byte[0], "127.0.0.1:40000", "default");
    }

    private static HttpRequest request(String method, String path) {
        return new HttpRequest(method, path, Map.of(), Map.of(), new byte[0], "127.0.0.1:40000", "default");
    }

    private static String text(HttpResponse r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }
}
