package clasp.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;

import clasp.api.Feature;
import clasp.api.FloatValue;
import clasp.api.message.AckMessage;
import clasp.api.message.Frame;
import clasp.api.message.HelloMessage;
import clasp.api.message.Message;
import clasp.api.message.SetMessage;
import clasp.api.message.SubscribeMessage;
import clasp.api.message.WelcomeMessage;
import clasp.api.router.PluginState;
import clasp.api.router.Router;
import clasp.api.router.TransportInfo;
import clasp.api.Value;
import clasp.protocol.ClaspCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.inject.Inject;
import org.apache.felix.service.command.CommandProcessor;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * The QUIC transport in the runtime: its native quiche fragment attaches and loads inside OSGi, a listener
 * created from the shell serves a QUIC client (which verifies the runtime's development certificate), and what
 * that client SETs reaches a WebSocket subscriber through the router.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class QuicTransportIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Inject
    private CommandProcessor processor;

    @Inject
    private Router router;

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] configuration() throws IOException {
        List<Option> options = new ArrayList<>(Arrays.asList(Provisioning.freshQuietRuntime(etc())));
        options.add(frameworkProperty("clasp.data").value(Provisioning.freshStore(data()).toString()));
        return options.toArray(Option[]::new);
    }

    private static Path etc() {
        return Provisioning.workDir().resolve("quic-etc");
    }

    private static Path data() {
        return Provisioning.workDir().resolve("quic-data");
    }

    private String run(String line) throws Exception {
        return ShellLines.run(processor, line);
    }

    @Test
    public void theNativeFragmentIsAttachedToTheQuicBundle() {
        Bundle fragment = bundle("io.netty.codec-native-quic.linux-x86_64");
        Bundle host = bundle("io.netty.codec-classes-quic");
        assertEquals(Bundle.RESOLVED, fragment.getState());
        assertEquals(Bundle.ACTIVE, host.getState());
        assertEquals(Bundle.ACTIVE, bundle("clasp.transport.quic").getState());
    }

    private Bundle bundle(String symbolicName) {
        return Arrays.stream(context.getBundles()).filter(b -> b.getSymbolicName().equals(symbolicName)).findFirst()
                .orElseThrow(() -> new AssertionError("no bundle " + symbolicName));
    }

    @Test
    public void aSetFromAQuicClientReachesAWebSocketSubscriber() throws Exception {
        Eventually.await(WAIT, "the shell's commands and the default listener", () -> run("clasp.transport:list") != null
                && transport("default").map(t -> t.state() == PluginState.ONLINE).orElse(false));
        int port = freeUdpPort();

        String created = run("clasp.transport:create quic stage host=127.0.0.1 port=" + port);

        ShellLines.assertLine("state  ONLINE: listening on quic://127\\.0\\.0\\.1:" + port, created);
        assertTrue(Files.exists(etc().resolve("clasp.transport.quic-stage.cfg")));
        Path devCertificate = data().resolve("tls").resolve("dev-certificate.p12");
        assertTrue("the development certificate in clasp.data", Files.exists(devCertificate));

        List<Message> subscriber = new CopyOnWriteArrayList<>();
        WebSocket ws = webSocket(transport("default").orElseThrow().endpoint().replace("0.0.0.0", "127.0.0.1"), subscriber);
        try (QuicClaspClient quic = QuicClaspClient.connect(port, certificate(devCertificate))) {
            sendWs(ws, new HelloMessage(1, Set.of(Feature.PARAM), "ws-subscriber", null));
            sendWs(ws, new SubscribeMessage(1, "/quic/**"));
            Eventually.until("WELCOME on the WebSocket", WAIT, () -> subscriber.stream().anyMatch(m -> m instanceof WelcomeMessage));
            Eventually.await(WAIT, "the subscription", () -> router.sessions().stream()
                    .anyMatch(s -> s.name().equals("ws-subscriber") && s.subscriptions() == 1));

            quic.send(new HelloMessage(1, Set.of(Feature.PARAM), "quic-client", null));
            quic.await(0, m -> m instanceof WelcomeMessage, WAIT);
            quic.send(new SetMessage("/quic/fader", Value.of(0.75)));
            AckMessage ack = (AckMessage) quic.await(0, m -> m instanceof AckMessage, WAIT);
            assertEquals("/quic/fader", ack.address());

            SetMessage seen = (SetMessage) Eventually.until("the SET on the WebSocket", WAIT,
                    () -> subscriber.stream().filter(m -> m instanceof SetMessage).findFirst().orElse(null), m -> m != null);
            assertEquals("/quic/fader", seen.address());
            assertEquals(new FloatValue(0.75), seen.value());

            ShellLines.assertLine("\\S+ +quic-client +127\\.0\\.0\\.1:\\d+ via quic:stage .*", run("clasp.session:list"));

            // a new port applies live: the instance's sessions end, it serves on the new port, the WebSocket stays
            int moved = freeUdpPort();
            run("clasp.transport:update quic stage port=" + moved);
            Eventually.await(WAIT, "the QUIC session ended by the move", quic::ended);
            Eventually.await(WAIT, "the list showing the new endpoint", () -> transport("stage")
                    .map(t -> t.endpoint().equals("quic://127.0.0.1:" + moved) && t.state() == PluginState.ONLINE).orElse(false));
            try (QuicClaspClient again = QuicClaspClient.connect(moved, certificate(devCertificate))) {
                again.send(new HelloMessage(1, Set.of(Feature.PARAM), "quic-moved", null));
                again.await(0, m -> m instanceof WelcomeMessage, WAIT);

                // deleting the instance ends its sessions; the WebSocket listener and its sessions stay
                run("clasp.transport:delete quic stage");
                Eventually.await(WAIT, "the QUIC session ended by the delete", again::ended);
                Eventually.await(WAIT, "the instance gone", () -> transport("stage").isEmpty());
            }
            assertTrue("the WebSocket subscriber stays", router.sessions().stream().anyMatch(s -> s.name().equals("ws-subscriber")));
        } finally {
            ws.abort();
        }
    }

    private Optional<TransportInfo> transport(String id) {
        return router.transports().stream().filter(t -> t.id().equals(id)).findFirst();
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"))) {
            return probe.getLocalPort();
        }
    }

    /** The certificate of the runtime's development keystore (password clasp-dev), which a client trusts to verify. */
    private static X509Certificate certificate(Path keystore) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            keys.load(in, "clasp-dev".toCharArray());
        }
        return (X509Certificate) keys.getCertificate(keys.aliases().nextElement());
    }

    private static WebSocket webSocket(String endpoint, List<Message> received) throws Exception {
        return HTTP.newWebSocketBuilder().subprotocols("clasp").buildAsync(URI.create(endpoint), new WebSocket.Listener() {
            private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

            @Override
            public CompletionStage<?> onBinary(WebSocket socket, ByteBuffer data, boolean last) {
                byte[] bytes = new byte[data.remaining()];
                data.get(bytes);
                partial.writeBytes(bytes);
                if (last) {
                    try {
                        received.add(ClaspCodec.defaults().decode(partial.toByteArray()).message());
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    partial.reset();
                }
                socket.request(1);
                return null;
            }
        }).get(10, TimeUnit.SECONDS);
    }

    private static void sendWs(WebSocket ws, Message message) throws Exception {
        ws.sendBinary(ByteBuffer.wrap(ClaspCodec.defaults().encode(Frame.of(message))), true).get(10, TimeUnit.SECONDS);
    }
}
