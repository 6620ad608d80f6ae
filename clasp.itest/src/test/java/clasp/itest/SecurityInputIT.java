package clasp.itest;

import static org.assertj.core.api.Assertions.assertThat;

import clasp.api.QoS;
import clasp.api.Value;
import clasp.api.message.AckMessage;
import clasp.api.message.BundleMessage;
import clasp.api.message.ErrorMessage;
import clasp.api.message.FederationOp;
import clasp.api.message.FederationSyncMessage;
import clasp.api.message.Frame;
import clasp.api.message.HelloMessage;
import clasp.api.message.Message;
import clasp.api.message.PublishMessage;
import clasp.api.message.SetMessage;
import clasp.api.message.SubscribeMessage;
import clasp.protocol.ClaspCodec;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pentest, input (docs/security.md "Pentest suite"): oversized and deeply nested values, slowloris upgrades and
 * WebSockets that never say HELLO, a flood from one peer while another keeps every answer in order, a flood of
 * refusals that cannot flood the audit log, and federation frames from a client that is no federation peer. One
 * runtime for the class, in authenticated mode, with the router's hello timeout at 2 s and its inbound rate limit at
 * 2000 frames a second per session ({@code etc/clasp.router.cfg}).
 */
class SecurityInputIT {
    private static final int RATE_LIMIT = 2_000;

    @TempDir
    static Path workDir;

    private static SecureRuntime runtime;
    /** write and read /input/** */
    private static String writer;

    @BeforeAll
    static void startAnAuthenticatedRuntime() throws Exception {
        runtime = SecureRuntime.start(workDir,
                Map.of("clasp.router.cfg", "helloTimeoutSeconds=2\nrateLimitPerSecond=" + RATE_LIMIT + "\n"), null);
        writer = runtime.issue("input-writer", "write:/input/**, read:/input/**", null);
    }

    @AfterAll
    static void stopTheRuntime() throws Exception {
        if (runtime != null) runtime.close("SecurityInputIT");
    }

    /**
     * Gained if it failed: memory exhausted by one huge message, or the router wedged reading it; the sender's
     * connection must close (1009) and other sessions go on.
     */
    @Test
    void anOversizedMessageClosesOnlyItsConnection() throws Exception {
        try (ClaspWebSocketClient other = runtime.connect("bystander", writer);
             ClaspWebSocketClient big = runtime.connect("oversized", writer)) {
            big.sendBytes(new byte[70_000]);
            assertThat(big.awaitClose(SecureRuntime.WAIT)).isEqualTo(1009);
            assertThat(reply(other, new SetMessage("/input/after-oversized", Value.of(1L)))).isInstanceOf(AckMessage.class);
        }
    }

    /**
     * Gained if it failed: a stack overflow (a crashed event loop, or the router) from a value or bundle nested
     * thousands deep; refused with ERROR 101, nothing written, the session goes on.
     */
    @Test
    void deeplyNestedValuesAndBundlesAreRefusedAndNothingIsWritten() throws Exception {
        Value deep = Value.of(1L);
        for (int i = 0; i < 40; i++) deep = Value.of(List.of(deep));
        Message bundle = new SetMessage("/input/deep-bundle", Value.of(1L));
        for (int i = 0; i < 40; i++) bundle = new BundleMessage(null, List.of(bundle));
        ClaspCodec lenient = new ClaspCodec(ClaspCodec.MAX_DEPTH_LIMIT);
        for (Message m : List.of(new SetMessage("/input/deep", deep), bundle)) {
            // each on a connection of its own: a session is told of malformed frames once a second at most
            try (ClaspWebSocketClient c = runtime.connect("nester", writer)) {
                int from = c.count();
                c.sendBytes(lenient.encode(Frame.of(m)));
                List<Message> got = SecureRuntime.roundTrip(c, from);
                assertThat(got).as("replies to a %s nested 40 deep", m.type()).hasSize(1);
                ErrorMessage e = (ErrorMessage) got.get(0);
                assertThat(e.code()).isEqualTo(101);
                assertThat(e.message()).startsWith("Invalid message: DEPTH at offset ").endsWith(" nested deeper than 32");
                assertThat(reply(c, new SetMessage("/input/shallow", Value.of(List.of(Value.of(List.of(Value.of(1L))))))))
                        .isInstanceOf(AckMessage.class);
            }
        }
        assertThat(runtime.read(List.of("/input/deep", "/input/deep-bundle"))).isEmpty();
    }

    /**
     * Gained if it failed: connections held open forever by dribbling the HTTP upgrade a byte at a time (slowloris),
     * until no one else can connect; they must be closed at the upgrade deadline while others connect and work.
     */
    @Test
    void slowlorisUpgradesAreClosedWhileOthersConnect() throws Exception {
        byte[] request = ("GET / HTTP/1.1\r\nHost: 127.0.0.1:" + runtime.port + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Protocol: clasp\r\nX-Padding: " + "p".repeat(200) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        List<Dribbler> dribblers = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) dribblers.add(new Dribbler(runtime.port, request));
            try (ClaspWebSocketClient c = runtime.connect("patient", writer)) {
                assertThat(reply(c, new SetMessage("/input/during-slowloris", Value.of(1L)))).isInstanceOf(AckMessage.class);
            }
            for (Dribbler d : dribblers) {
                Eventually.until("the slowloris connection closed by the router", SecureRuntime.WAIT, d.closed::get);
                assertThat(d.sent.get()).as("bytes dribbled before the close").isLessThan(request.length);
                assertThat(d.answer).as("what the router answered").isEmpty();
            }
        } finally {
            for (Dribbler d : dribblers) d.close();
        }
    }

    /** Gained if it failed: upgraded WebSockets that never say HELLO hold handshake slots forever. */
    @Test
    void aWebSocketThatNeverSaysHelloIsClosed() throws Exception {
        try (ClaspWebSocketClient silent = ClaspWebSocketClient.open(runtime.port)) {
            assertThat(silent.awaitClose(SecureRuntime.WAIT)).isEqualTo(1002);
            assertThat(silent.received()).isEmpty();
        }
    }

    /**
     * Gained if it failed: one peer flooding the router delays or starves everyone else; here every SET of another
     * client is ACKed with consecutive revisions, in order, and delivered in order to a subscriber, while the flooder
     * (a raw socket writing PUBLISH frames at ten times the rate limit) is held to the rate limit with ERROR 429.
     */
    @Test
    void aFloodFromOnePeerLeavesOthersAnsweredInOrder() throws Exception {
        int victimSets = 20;
        try (ClaspWebSocketClient victim = runtime.connect("victim", writer);
             ClaspWebSocketClient watcher = runtime.connect("watcher", writer)) {
            assertThat(SecureRuntime.request(watcher, new SubscribeMessage(1, "/input/victim/*"))).isEmpty();
            int watched = watcher.count();
            List<Long> revisions = new ArrayList<>();
            long quiet = victimRoundTrips(victim, 1, victimSets, revisions);
            long flooded;
            try (RawFlooder flooder = new RawFlooder(runtime.port, writer)) {
                Eventually.until("the flood held to the rate limit", SecureRuntime.WAIT, () -> !flooder.errors.isEmpty());
                flooded = victimRoundTrips(victim, victimSets + 1, 2 * victimSets, revisions);
                assertThat(flooder.sent.get()).as("frames flooded meanwhile").isGreaterThan(RATE_LIMIT);
                ErrorMessage limited = new ErrorMessage(429, "Rate limit exceeded: " + RATE_LIMIT + " messages/second");
                assertThat(flooder.errors).allMatch(limited::equals);
            }
            // a figure for the record, not a bound: the median round trip of the victim without and with the flood
            System.out.printf("pentest flood: victim SET round trip median %d µs quiet, %d µs during the flood%n",
                    quiet / 1000, flooded / 1000);
            for (int i = 1; i < revisions.size(); i++) assertThat(revisions.get(i)).isEqualTo(revisions.get(0) + i);
            int last = 2 * victimSets;
            watcher.await(watched, m -> m instanceof SetMessage s && s.value().equals(Value.of((long) last)), SecureRuntime.WAIT);
            List<Value> seen = watcher.since(watched).stream().map(ClaspWebSocketClient.Received::message)
                    .filter(m -> m instanceof SetMessage).map(m -> ((SetMessage) m).value()).toList();
            assertThat(seen).hasSize(last);
            for (int i = 0; i < last; i++) assertThat(seen.get(i)).isEqualTo(Value.of((long) i + 1));
        }
    }

    /** SETs {@code first..last} one at a time, each after the ACK of the one before; returns the median round trip (ns). */
    private static long victimRoundTrips(ClaspWebSocketClient victim, int first, int last, List<Long> revisions) throws Exception {
        List<Long> nanos = new ArrayList<>();
        for (int i = first; i <= last; i++) {
            int from = victim.count();
            long sent = System.nanoTime();
            victim.send(new SetMessage("/input/victim/x", Value.of((long) i)));
            Message m = victim.await(from, x -> x instanceof AckMessage || x instanceof ErrorMessage, SecureRuntime.WAIT);
            assertThat(m).as("the answer to SET %d", i).isInstanceOf(AckMessage.class);
            nanos.add(victim.since(from).get(0).nanos() - sent);
            revisions.add(((AckMessage) m).revision());
        }
        return nanos.stream().sorted().toList().get(nanos.size() / 2);
    }

    /**
     * Gained if it failed: the disk filled with audit lines by a client provoking refusals, or refusals that leave no
     * trace: a refused HELLO and a denied request are written, a burst is cut to 50 lines a second and the next line
     * says how many were held back.
     */
    @Test
    void refusalsAreAuditedAndABurstCannotFloodTheAuditLog() throws Exception {
        runtime.refusedHello(null);
        Eventually.until("the audit line of the refused HELLO", SecureRuntime.WAIT, runtime::auditLog,
                lines -> lines.stream().anyMatch(l -> l.contains("auth-failed peer=") && l.contains(" via=")
                        && l.contains(" code=300 reason=\"Authentication required\"")));
        String auditor = runtime.issue("auditor", "read:/input/*", null);
        int burst = 1_000;
        try (ClaspWebSocketClient c = runtime.connect("auditor", auditor)) {
            int from = c.count();
            for (int i = 0; i < burst; i++) c.send(new SetMessage("/input/audited", Value.of((long) i)));
            List<Message> got = SecureRuntime.roundTrip(c, from);
            assertThat(got).hasSize(burst).allMatch(m -> m instanceof ErrorMessage e && e.code() == 301);
            Eventually.until("a line saying how many were held back", SecureRuntime.WAIT, () -> {
                c.send(new SetMessage("/input/audited", Value.of(-1L)));
                return runtime.auditLog();
            }, lines -> lines.stream().anyMatch(l -> l.contains("principal=\"auditor [cpsk:")
                    && l.contains("audit lines held back before this one")));
        }
        long written = runtime.auditLog().stream().filter(l -> l.contains("denied principal=\"auditor [cpsk:")).count();
        assertThat(written).isLessThan(burst);
        assertThat(runtime.read(List.of("/input/audited"))).isEmpty();
    }

    /**
     * Gained if it failed (as the reference's federation attacks): a client that is no federation peer declares
     * {@code /**} as its namespace, requests a sync or sends a revision vector, and receives params outside its read
     * scopes, or poisons the router's state. FEDERATION_SYNC is ignored: no reply, nothing delivered, nothing changed.
     */
    @Test
    void federationFramesFromAClientThatIsNoPeerDoNothing() throws Exception {
        String rogue = runtime.issue("rogue-peer", "read:/input/rogue/*, write:/input/rogue/*", null);
        try (ClaspWebSocketClient c = runtime.connect("rogue peer", rogue)) {
            for (FederationSyncMessage f : List.of(
                    new FederationSyncMessage(FederationOp.DECLARE_NAMESPACES, List.of("/**"), Map.of(), null, "rogue"),
                    new FederationSyncMessage(FederationOp.REQUEST_SYNC, List.of("/**"), Map.of(), 0L, "rogue"),
                    new FederationSyncMessage(FederationOp.REVISION_VECTOR, List.of(), Map.of("/input/secret", 99L), null, "rogue"),
                    new FederationSyncMessage(FederationOp.SYNC_COMPLETE, List.of("/**"), Map.of(), null, "rogue"))) {
                assertThat(SecureRuntime.request(c, f)).as(f.op().name()).isEmpty();
            }
            int from = c.count();
            try (ClaspWebSocketClient admin = runtime.connect("admin", runtime.adminToken)) {
                assertThat(reply(admin, new SetMessage("/input/secret", Value.of("s3cret")))).isInstanceOf(AckMessage.class);
            }
            assertThat(SecureRuntime.roundTrip(c, from)).isEmpty();
        }
        assertThat(runtime.read(List.of("/input/secret")).get("/input/secret")).isEqualTo(Value.of("s3cret"));
    }

    /** The ACK or ERROR answering {@code m}. */
    private static Message reply(ClaspWebSocketClient c, Message m) throws Exception {
        return SecureRuntime.request(c, m).stream().filter(x -> x instanceof AckMessage || x instanceof ErrorMessage)
                .findFirst().orElseThrow(() -> new AssertionError("neither ACK nor ERROR for " + m));
    }

    /**
     * A peer on a raw socket: upgrades, says HELLO with a token, then writes the same PUBLISH frame (QoS Fire) in
     * batches, ten times faster than the rate limit allows; a reader decodes what the router sends and keeps the ERRORs.
     */
    private static final class RawFlooder implements AutoCloseable {
        /** 1000 frames every 50 ms: 20 000 a second, ten times the rate limit, without taking a whole core of this machine. */
        private static final int BATCH = 1_000;
        private static final long BATCH_PAUSE_MILLIS = 50;
        final AtomicInteger sent = new AtomicInteger();
        final List<ErrorMessage> errors = new CopyOnWriteArrayList<>();
        private final Socket socket = new Socket();
        private final AtomicBoolean stop = new AtomicBoolean();
        private final Thread writer;
        private final Thread reader;

        RawFlooder(int port, String token) throws Exception {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
            DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
            RawFrames.upgrade(out, port);
            for (int crlf = 0; crlf < 4; ) crlf = in.read() == (crlf % 2 == 0 ? '\r' : '\n') ? crlf + 1 : 0;   // the 101 response
            RawFrames.send(out, new HelloMessage(1, Set.of(), "flooder", token));
            ByteArrayOutputStream one = new ByteArrayOutputStream();
            RawFrames.send(one, new Frame(PublishMessage.event("/input/flood", Value.of(1L)), QoS.FIRE, null));
            byte[] frame = one.toByteArray();
            writer = new Thread(() -> {
                try {
                    while (!stop.get()) {
                        for (int i = 0; i < BATCH; i++) out.write(frame);
                        out.flush();
                        sent.addAndGet(BATCH);
                        Thread.sleep(BATCH_PAUSE_MILLIS);
                    }
                } catch (IOException | InterruptedException closed) {
                    // closed by the router or the test
                }
            }, "pentest-flood-write");
            reader = new Thread(() -> {
                try {
                    while (true) {
                        int opcode = in.readUnsignedByte() & 0x0F;
                        int length = in.readUnsignedByte() & 0x7F;
                        if (length == 126) length = in.readUnsignedShort();
                        else if (length == 127) length = (int) in.readLong();
                        byte[] payload = in.readNBytes(length);
                        if (opcode == 8) return;
                        if (opcode == 2 && ClaspCodec.defaults().decode(payload).message() instanceof ErrorMessage e) errors.add(e);
                    }
                } catch (Exception closed) {
                    // the connection ended
                }
            }, "pentest-flood-read");
            writer.setDaemon(true);
            reader.setDaemon(true);
            reader.start();
            writer.start();
        }

        @Override
        public void close() throws Exception {
            stop.set(true);
            socket.close();
            writer.join(10_000);
        }
    }

    /** A raw TCP connection that writes an HTTP upgrade request one byte every 200 ms, and notices when it is closed. */
    private static final class Dribbler implements AutoCloseable {
        final AtomicInteger sent = new AtomicInteger();
        final AtomicBoolean closed = new AtomicBoolean();
        final StringBuffer answer = new StringBuffer();
        private final Socket socket = new Socket();
        private final Thread writer;
        private final Thread reader;

        Dribbler(int port, byte[] request) throws IOException {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            writer = new Thread(() -> {
                try {
                    for (byte b : request) {
                        out.write(b);
                        out.flush();
                        sent.incrementAndGet();
                        Thread.sleep(200);
                    }
                } catch (IOException | InterruptedException e) {
                    // closed by the router, or by the test
                }
            }, "pentest-slowloris-write");
            reader = new Thread(() -> {
                try {
                    for (int b = in.read(); b >= 0; b = in.read()) answer.append((char) b);
                } catch (IOException reset) {
                    // a reset is a close too
                }
                closed.set(true);
            }, "pentest-slowloris-read");
            writer.setDaemon(true);
            reader.setDaemon(true);
            writer.start();
            reader.start();
        }

        @Override
        public void close() throws IOException {
            writer.interrupt();
            socket.close();
        }
    }
}
