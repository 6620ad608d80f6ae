package clasp.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import clasp.api.Value;
import clasp.api.message.Frame;
import clasp.api.message.HelloMessage;
import clasp.api.message.Message;
import clasp.api.message.SetMessage;
import clasp.api.message.SubscribeMessage;
import clasp.api.message.WelcomeMessage;
import clasp.api.router.PluginState;
import clasp.api.router.Router;
import clasp.api.router.SessionInfo;
import clasp.api.router.TransportInfo;
import clasp.protocol.ClaspCodec;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import javax.inject.Inject;
import org.apache.felix.service.command.CommandProcessor;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The UDP transport in the runtime, as an admin enables it: a listener created from the shell, a client speaking CLASP
 * in raw datagrams (the project's codec over a {@link DatagramSocket}) exchanging SETs with a WebSocket client through
 * the real router; then the listener moved to another port and deleted, from the shell too.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class UdpTransportIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    private CommandProcessor processor;

    @Inject
    private Router router;

    @Configuration
    public Option[] configuration() throws Exception {
        return Provisioning.freshQuietRuntime(etc());
    }

    private static Path etc() {
        return Provisioning.workDir().resolve("udp-etc");
    }

    @Test
    public void aUdpClientAndAWebSocketClientSeeEachOthersSets() throws Exception {
        int wsPort = URI.create(Listeners.awaitDefault(router).endpoint()).getPort();
        Eventually.await(WAIT, "the shell's commands", () -> run("clasp.transport:list") != null);
        String types = run("clasp.transport:types");
        ShellLines.assertLine("clasp\\.transport\\.udp  CLASP UDP transport  \\(clasp\\.transport\\.udp\\)", types);
        ShellLines.assertLine("  port +int +7332", types);

        int port = freeUdpPort();
        String created = run("clasp.transport:create udp it host=127.0.0.1 port=" + port);
        assertTrue(created, created.startsWith("created clasp.transport.udp~it (" + etc().resolve("clasp.transport.udp-it.cfg") + ")\n"));
        TransportInfo listener = Eventually.until("the UDP listener ONLINE", WAIT, () -> transport("it").orElse(null),
                t -> t != null && t.state() == PluginState.ONLINE);
        assertEquals("udp", listener.kind());
        assertEquals("udp://127.0.0.1:" + port, listener.endpoint());

        try (Datagrams udp = new Datagrams(port);
             ClaspWebSocketClient ws = ClaspWebSocketClient.connect(wsPort, "it-ws")) {
            udp.send(new HelloMessage(1, Set.of(), "it-udp", null));
            udp.await(m -> m instanceof WelcomeMessage);
            SessionInfo session = Eventually.until("the UDP session", WAIT, () -> session("it-udp").orElse(null), s -> s != null);
            assertTrue(session.origin(), session.origin().startsWith("127.0.0.1:" + udp.localPort() + " via udp:it"));

            udp.send(new SubscribeMessage(1, "/udp/**"));
            ws.send(new SubscribeMessage(1, "/ws/**"));
            // Subscriptions are in place once each side sees its own SETs come back.
            Eventually.await(WAIT, "the UDP subscription", () -> {
                ws.send(new SetMessage("/udp/from-ws", Value.of(1L)));
                return udp.poll(m -> m instanceof SetMessage s && s.address().equals("/udp/from-ws"), Duration.ofSeconds(2)) != null;
            });
            int mark = ws.count();
            udp.send(new SetMessage("/ws/from-udp", Value.of("hello")));
            SetMessage seen = (SetMessage) ws.await(mark, m -> m instanceof SetMessage s && s.address().equals("/ws/from-udp"), WAIT);
            assertEquals(Value.of("hello"), seen.value());
            assertEquals(Value.of("hello"), router.param("/ws/from-udp").orElseThrow().value());

            // The port moves: this listener rebinds, the default WebSocket listener is untouched.
            int moved = freeUdpPort();
            assertTrue(run("clasp.transport:update udp it port=" + moved).startsWith("updated clasp.transport.udp~it"));
            Eventually.await(WAIT, "the UDP session ended with its socket", () -> session("it-udp").isEmpty());
            try (Datagrams again = new Datagrams(moved)) {
                Eventually.await(WAIT, "a HELLO welcomed on the new port", () -> {
                    again.send(new HelloMessage(1, Set.of(), "it-udp-2", null));
                    return again.poll(m -> m instanceof WelcomeMessage, Duration.ofSeconds(2)) != null;
                });
            }
            int before = ws.count();
            ws.send(new SetMessage("/ws/still", Value.of(2L)));
            ws.await(before, m -> m instanceof SetMessage s && s.address().equals("/ws/still"), WAIT);
        }

        assertTrue(run("clasp.transport:delete udp it").startsWith("deleted clasp.transport.udp~it"));
        Eventually.await(WAIT, "the UDP listener gone", () -> transport("it").isEmpty());
        Eventually.await(WAIT, "no UDP transport thread left", () -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.isAlive() && t.getName().startsWith("clasp-transport-udp-")));
        assertTrue(Files.notExists(etc().resolve("clasp.transport.udp-it.cfg")));
    }

    private String run(String line) throws Exception {
        return ShellLines.run(processor, line);
    }

    private Optional<TransportInfo> transport(String id) {
        return router.transports().stream().filter(t -> t.id().equals(id)).findFirst();
    }

    private Optional<SessionInfo> session(String name) {
        return router.sessions().stream().filter(s -> s.name().equals(name)).findFirst();
    }

    private static int freeUdpPort() throws Exception {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** A CLASP client in raw datagrams: one frame each, encoded and decoded with the project's codec. */
    private static final class Datagrams implements AutoCloseable {
        private final DatagramSocket socket;
        private final InetSocketAddress server;

        Datagrams(int port) throws Exception {
            socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            server = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        }

        int localPort() {
            return socket.getLocalPort();
        }

        void send(Message message) throws Exception {
            byte[] frame = ClaspCodec.defaults().encode(Frame.of(message));
            socket.send(new DatagramPacket(frame, frame.length, server));
        }

        /** The first message received within {@code timeout} that matches (others are skipped), or null. */
        Message poll(Predicate<Message> matches, Duration timeout) throws Exception {
            Instant deadline = Instant.now().plus(timeout);
            byte[] buffer = new byte[65_536];
            while (Instant.now().isBefore(deadline)) {
                socket.setSoTimeout((int) Math.max(1, Duration.between(Instant.now(), deadline).toMillis()));
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                try {
                    socket.receive(packet);
                } catch (SocketTimeoutException e) {
                    return null;
                }
                Message m = ClaspCodec.defaults().decode(Arrays.copyOf(buffer, packet.getLength())).message();
                if (matches.test(m)) return m;
            }
            return null;
        }

        Message await(Predicate<Message> matches) throws Exception {
            Message m = poll(matches, WAIT);
            if (m == null) throw new AssertionError("no matching datagram within " + WAIT);
            return m;
        }

        @Override
        public void close() {
            socket.close();
        }
    }
}
