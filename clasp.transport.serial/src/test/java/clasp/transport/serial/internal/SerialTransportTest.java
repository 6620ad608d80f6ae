package clasp.transport.serial.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import clasp.api.Feature;
import clasp.api.message.Frame;
import clasp.api.message.HelloMessage;
import clasp.protocol.ClaspCodec;
import clasp.protocol.transport.Connection;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The serial transport on real ptys made by socat, with a test device on the far end of each. */
@Timeout(120)
class SerialTransportTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(5);
    private static final byte[] HELLO = hello();

    private static byte[] hello() {
        try {
            return ClaspCodec.defaults().encode(Frame.of(
                    new HelloMessage(1, EnumSet.of(Feature.PARAM, Feature.EVENT), "serial-device", null)));
        } catch (clasp.protocol.EncodeException e) {
            throw new AssertionError(e);
        }
    }

    @TempDir
    Path dir;

    private final RecordingAcceptor router = new RecordingAcceptor();
    private final List<AutoCloseable> cleanup = new ArrayList<>();
    private final Queue<ByteBuf> sent = new ConcurrentLinkedQueue<>();
    private SerialTransport transport;

    @AfterEach
    void tearDown() throws Exception {
        if (transport != null) transport.close();
        for (int i = cleanup.size() - 1; i >= 0; i--) cleanup.get(i).close();
        assertThat(serialThreads()).as("threads left after close").isEmpty();
        assertThat(sent).as("frames sent and never released").allMatch(b -> b.refCnt() == 0);
        for (RecordingAcceptor.Session s : router.sessions) {
            assertThat(s.violations).as("handler contract").isEmpty();
        }
    }

    private SocatPty pty(String name) throws Exception {
        SocatPty pty = new SocatPty(dir, name).start();
        cleanup.add(pty);
        return pty;
    }

    private Device device(SocatPty pty) {
        Device device = new Device(pty.ttyB);
        cleanup.add(device);
        return device;
    }

    private SerialTransport open(SerialTransportConfig config) {
        transport = new SerialTransport(config, Map.of("clasp.transport.id", "t1"));
        transport.open(router);
        return transport;
    }

    private static List<String> serialThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith(SerialTransport.THREAD_PREFIX)).toList();
    }

    private RecordingAcceptor.Session awaitSession(int index) {
        await("session " + index).atMost(WAIT).pollInterval(POLL).until(() -> router.sessions.size() > index);
        return router.session(index);
    }

    private static byte[] frame(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) b[i] = (byte) values[i];
        return b;
    }

    /** Sends a pooled copy of {@code frame}, as the router does; tearDown checks that the transport released it. */
    private void send(Connection connection, byte[] frame) {
        ByteBuf buf = PooledByteBufAllocator.DEFAULT.buffer(frame.length).writeBytes(frame);
        sent.add(buf);
        connection.send(buf);
    }

    @Test
    void aHelloFromTheDeviceReachesTheRouterAsItsExactBytes() throws Exception {
        SocatPty pty = pty("tty");
        open(TestConfig.port(pty.ttyA));
        assertThat(transport.endpoint()).isEqualTo("serial:" + pty.ttyA + " 115200 8N1");
        Device device = device(pty);

        device.send(HELLO);
        byte[] escaped = frame(0x53, 0x01, 0x00, 0x03, 0xC0, 0xDB, 0xDC);
        device.send(escaped);

        RecordingAcceptor.Session session = awaitSession(0);
        await().atMost(WAIT).until(() -> session.frames.size() == 2);
        assertThat(session.frames.get(0)).isEqualTo(HELLO);
        assertThat(session.frames.get(1)).isEqualTo(escaped);
        assertThat(session.connection.transport()).isEqualTo("serial");
        assertThat(session.connection.remoteAddress()).isEqualTo(pty.ttyA.toString());
        assertThat(session.connection.peerIdentity()).isNull();
        assertThat(session.connection.maxFrameBytes()).isEqualTo(65_547);
        assertThat(router.sessions).hasSize(1);
    }

    @Test
    void anIdleDeviceOpensNoSession() throws Exception {
        SocatPty pty = pty("tty");
        open(TestConfig.port(pty.ttyA));
        Device device = device(pty);
        device.write(frame(0xC0, 0xC0, 0xC0)); // empty frames only
        Thread.sleep(500); // time enough for the reader to take them: a session opened now would fail the next line
        assertThat(router.sessions).isEmpty();
        device.send(HELLO);
        RecordingAcceptor.Session session = awaitSession(0);
        await().atMost(WAIT).until(() -> session.frames.size() == 1);
        assertThat(router.sessions).hasSize(1);
        assertThat(session.frames.get(0)).isEqualTo(HELLO);
    }

    @Test
    void framesFromTheRouterArriveSlipEncodedInTheirOrder() throws Exception {
        SocatPty pty = pty("tty");
        open(TestConfig.port(pty.ttyA));
        Device device = device(pty);
        device.send(HELLO);
        Connection connection = awaitSession(0).connection;

        send(connection, frame(0x53, 0x01, 0x00, 0x01, 0xC0));
        send(connection, frame(0x53, 0x01, 0x00, 0x01, 0xDB));
        send(connection, frame(0x53, 0x01, 0x00, 0x01, 0x07));
        byte[] expected = frame(0xC0, 0x53, 0x01, 0x00, 0x01, 0xDB, 0xDC, 0xC0,
                0xC0, 0x53, 0x01, 0x00, 0x01, 0xDB, 0xDD, 0xC0,
                0xC0, 0x53, 0x01, 0x00, 0x01, 0x07, 0xC0);
        await().atMost(WAIT).until(() -> device.bytes().length >= expected.length);
        assertThat(device.bytes()).isEqualTo(expected);
        assertThat(connection.queuedBytes()).isZero();
    }

    @Test
    void framesSentFromManyThreadsKeepEachSendersOrder() throws Exception {
        SocatPty pty = pty("tty");
        open(TestConfig.port(pty.ttyA, "writeBufferHighWaterMark", 1 << 20, "writeBufferLowWaterMark", 1 << 19));
        Device device = device(pty);
        device.send(HELLO);
        Connection connection = awaitSession(0).connection;
        int senders = 4;
        int perSender = 300;
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int s = 0; s < senders; s++) {
            int sender = s;
            Thread t = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < perSender; i++) {
                    // 0xC0 and 0xDB among the payload bytes: every frame needs escapes
                    send(connection, ByteBuffer.allocate(8).put((byte) 0xC0).put((byte) sender).putInt(i)
                            .put((byte) 0xDB).put((byte) 0xC0).array());
                }
            }, "test-sender-" + s);
            threads.add(t);
            t.start();
        }
        go.countDown();
        for (Thread t : threads) t.join();
        await().atMost(WAIT).until(() -> device.frames().size() == senders * perSender);
        int[] next = new int[senders];
        for (byte[] f : device.frames()) {
            ByteBuffer b = ByteBuffer.wrap(f);
            assertThat(b.get()).isEqualTo((byte) 0xC0);
            int sender = b.get();
            assertThat(b.getInt()).as("sender %d's next frame", sender).isEqualTo(next[sender]++);
            assertThat(b.get()).isEqualTo((byte) 0xDB);
        }
        assertThat(next).containsOnly(perSender);
        assertThat(connection.queuedBytes()).isZero();
    }

    /**
     * Sends from several threads racing a close from another, session after session: each sender's frames arrive as
     * an unbroken prefix of what it sent, holding at least every frame whose send returned before close() began,
     * and nothing sent is left unreleased (tearDown).
     */
    @Test
    void aCloseRacingSendersKeepsEverythingSentBeforeItAndEachSendersOrder() throws Exception {
        SocatPty pty = pty("tty");
        open(TestConfig.port(pty.ttyA, "writeBufferHighWaterMark", 1 << 20, "writeBufferLowWaterMark", 1 << 19));
        Device device = device(pty);
        int senders = 3;
        int perSender = 2000;
        for (int round = 0; round < 10; round++) {
            device.send(HELLO);
            RecordingAcceptor.Session session = awaitSession(round);
            byte tag = (byte) round;
            Connection connection = session.connection;
            java.util.concurrent.atomic.AtomicIntegerArray returned = new java.util.concurrent.atomic.AtomicIntegerArray(senders);
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> threads = new ArrayList<>();
            for (int s = 0; s < senders; s++) {
                int sender = s;
                Thread t = new Thread(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    for (int i = 0; i < perSender; i++) {
                        send(connection, ByteBuffer.allocate(6).put(tag).put((byte) sender).putInt(i).array());
                        returned.set(sender, i + 1);
                    }
                }, "test-sender-" + s);
                threads.add(t);
                t.start();
            }
            go.countDown();
            while (returned.get(round % senders) < perSender / 4) {
                Thread.onSpinWait(); // close while the senders are at it (the @Timeout is the watchdog)
            }
            int[] before = new int[senders];
            for (int s = 0; s < senders; s++) before[s] = returned.get(s);
            connection.close(Connection.CLOSE_NORMAL, "round over");
            for (Thread t : threads) t.join();
            // Awaitility's default first look, 100 ms on, would be most of a round
            await("round " + round + " closed").atMost(WAIT).pollInterval(POLL).until(() -> session.closedCalls.get() == 1);

            int r = round;
            // written is not yet read: the device may still be reading the pty
            await("round " + round + ": every frame sent before the close, at the device").atMost(WAIT).pollInterval(POLL).until(() -> {
                int[] received = receivedInOrder(device.frames(), r, senders);
                for (int s = 0; s < senders; s++) {
                    if (received[s] < before[s]) return false;
                }
                return true;
            });
        }
        assertThat(router.sessions).hasSize(10);
    }

    /** How many frames of each sender arrived in {@code round}, checking they arrived in the order sent. */
    private static int[] receivedInOrder(List<byte[]> frames, int round, int senders) {
        int[] next = new int[senders];
        for (byte[] f : frames) {
            ByteBuffer b = ByteBuffer.wrap(f);
            if (b.get() != (byte) round) continue;
            int sender = b.get();
            assertThat(b.getInt()).as("round %d, sender %d", round, sender).isEqualTo(next[sender]++);
        }
        return next;
    }

    @Test
    void theDeviceVanishingClosesTheSessionAndItsReturnOpensANewOne() throws Exception {
        SocatPty pty = pty("tty");
        open(TestConfig.port(pty.ttyA));
        Device device = device(pty);
        device.send(HELLO);
        RecordingAcceptor.Session first = awaitSession(0);
        await().atMost(WAIT).until(() -> first.frames.size() == 1);

        pty.kill();
        await("closed() after the device vanished").atMost(WAIT).until(() -> first.closedCalls.get() == 1);
        device.close();

        pty.start();
        Device back = device(pty);
        back.send(HELLO);
        RecordingAcceptor.Session second = awaitSession(1);
        await().atMost(WAIT).until(() -> second.frames.size() == 1);
        assertThat(second.frames.get(0)).isEqualTo(HELLO);
        send(second.connection, frame(0x53, 0x01, 0x00, 0x00));
        await().atMost(WAIT).until(() -> back.frames().size() == 1);
        assertThat(back.frames().get(0)).isEqualTo(frame(0x53, 0x01, 0x00, 0x00));
        assertThat(first.closedCalls.get()).isEqualTo(1);
        assertThat(router.sessions).hasSize(2);
    }

    @Test
    void aPortAbsentAtOpenIsOpenedOnceItAppears() throws Exception {
        SocatPty pty = new SocatPty(dir, "late");
        cleanup.add(pty);
        open(TestConfig.port(pty.ttyA)); // returns although nothing is there
        assertThat(transport.endpoint()).isEqualTo("serial:" + pty.ttyA + " 115200 8N1");
        pty.start();
        Device device = device(pty);
        device.send(HELLO);
        RecordingAcceptor.Session session = awaitSession(0);
        await().atMost(WAIT).until(() -> session.frames.size() == 1);
    }

    @Test
    void closeWritesTheQueuedFramesEndsTheSessionAndTheNextFrameOpensTheNext() throws Exception {
        SocatPty pty = pty("tty");
        open(TestConfig.port(pty.ttyA));
        Device device = device(pty);
        device.send(HELLO);
        RecordingAcceptor.Session first = awaitSession(0);
        for (int i = 0; i < 3; i++) send(first.connection, frame(0x53, 0x01, 0x00, 0x01, i));
        first.connection.close(Connection.CLOSE_PROTOCOL_ERROR, "bye");
        send(first.connection, frame(0x53, 0x01, 0x00, 0x01, 9)); // after the close: released, never sent

        await().atMost(WAIT).until(() -> first.closedCalls.get() == 1);
        await().atMost(WAIT).until(() -> device.frames().size() == 3);
        device.send(HELLO);
        RecordingAcceptor.Session second = awaitSession(1);
        await().atMost(WAIT).until(() -> second.frames.size() == 1);
        assertThat(device.frames()).containsExactly(frame(0x53, 0x01, 0x00, 0x01, 0), frame(0x53, 0x01, 0x00, 0x01, 1),
                frame(0x53, 0x01, 0x00, 0x01, 2));
        assertThat(first.frames).hasSize(1);
        assertThat(first.closedCalls.get()).isEqualTo(1);
    }

    @Test
    void whileTheRouterClosesASessionTheDevicesNextFrameWaitsAndOpensTheNextSession() throws Exception {
        SocatPty pty = pty("tty");
        open(TestConfig.port(pty.ttyA));
        Device device = device(pty);
        device.pauseReading(); // the close waits behind frames the device does not take yet
        device.send(HELLO);
        RecordingAcceptor.Session first = awaitSession(0);
        byte[] big = new byte[1000];
        for (int i = 0; i < 100; i++) send(first.connection, big);
        first.connection.close(Connection.CLOSE_NORMAL, "done");
        device.send(frame(0x53, 0x01, 0x00, 0x01, 0x42));
        device.resumeReading();

        RecordingAcceptor.Session second = awaitSession(1);
        await().atMost(WAIT).until(() -> second.frames.size() == 1);
        assertThat(second.frames.get(0)).isEqualTo(frame(0x53, 0x01, 0x00, 0x01, 0x42));
        assertThat(first.frames).hasSize(1);
        assertThat(first.closedCalls.get()).isEqualTo(1);
        await().atMost(WAIT).until(() -> device.frames().size() == 100);
    }

    @Test
    void aSessionRefusedInAcceptGetsNoFrameAndTheDevicesNextFrameOpensAnother() throws Exception {
        SocatPty pty = pty("tty");
        open(TestConfig.port(pty.ttyA));
        Device device = device(pty);
        router.refuse = true;
        device.send(HELLO);
        RecordingAcceptor.Session refused = awaitSession(0);
        await().atMost(WAIT).until(() -> refused.closedCalls.get() == 1);
        router.refuse = false;
        device.send(HELLO);
        RecordingAcceptor.Session second = awaitSession(1);
        await().atMost(WAIT).until(() -> second.frames.size() == 1);
        assertThat(refused.frames).isEmpty();
        assertThat(second.frames.get(0)).isEqualTo(HELLO);
        assertThat(router.sessions).hasSize(2); // the refused frame was dropped, not offered to session after session
    }

    @Test
    void closeNowDropsWhatIsQueued() throws Exception {
        SocatPty pty = pty("tty");
        open(TestConfig.port(pty.ttyA, "writeBufferHighWaterMark", 1 << 20, "writeBufferLowWaterMark", 1 << 19));
        Device device = device(pty);
        device.pauseReading(); // the pty fills and the writer blocks: the rest waits in the queue
        device.send(HELLO);
        RecordingAcceptor.Session session = awaitSession(0);
        byte[] big = new byte[1000];
        for (int i = 0; i < 500; i++) send(session.connection, big);
        await("the writer blocked on the full pty").atMost(WAIT).pollDelay(Duration.ofMillis(200))
                .until(() -> session.connection.queuedBytes() > 100_000);
        session.connection.closeNow(Connection.CLOSE_POLICY, "too slow");
        device.resumeReading();

        await().atMost(WAIT).until(() -> session.closedCalls.get() == 1);
        assertThat(session.connection.queuedBytes()).isZero();
        await("what was written before the closeNow reaches the device").atMost(WAIT).until(() -> device.frames().size() > 0);
        Thread.sleep(500); // the rest of it
        assertThat(device.frames().size()).isLessThan(400);
    }

    @Test
    void aCloseStuckBehindFramesTheDeviceNeverTakesClosesThePortAtTheDeadlineAndTheLineReopens() throws Exception {
        SocatPty pty = pty("tty");
        open(TestConfig.port(pty.ttyA, "writeBufferHighWaterMark", 1 << 20, "writeBufferLowWaterMark", 1 << 19));
        Device device = device(pty);
        device.pauseReading();
        device.send(HELLO);
        RecordingAcceptor.Session stuck = awaitSession(0);
        for (int i = 0; i < 200; i++) send(stuck.connection, new byte[1000]);
        await("the writer blocked on the full pty").atMost(WAIT).pollDelay(Duration.ofMillis(200))
                .until(() -> stuck.connection.queuedBytes() > 50_000);
        stuck.connection.close(Connection.CLOSE_NORMAL, "bye");
        Thread.sleep(1000); // well inside the deadline: the close still waits for the device
        assertThat(stuck.closedCalls.get()).isZero();

        await("closed() at the close deadline").atMost(SerialConnection.CLOSE_DEADLINE.plus(WAIT))
                .until(() -> stuck.closedCalls.get() == 1);
        assertThat(stuck.connection.queuedBytes()).isZero();
        device.resumeReading();
        device.send(HELLO); // the port was closed and opened again; the device is still there
        RecordingAcceptor.Session next = awaitSession(1);
        await().atMost(WAIT).until(() -> next.frames.size() == 1);
        assertThat(next.frames.get(0)).isEqualTo(HELLO);
    }

    @Test
    void aSessionAboveItsHighWaterMarkStopsReadingTheDeviceUntilItDrained() throws Exception {
        SocatPty pty = pty("tty");
        open(TestConfig.port(pty.ttyA, "writeBufferHighWaterMark", 8192, "writeBufferLowWaterMark", 4096));
        Device device = device(pty);
        device.pauseReading();
        device.send(HELLO);
        RecordingAcceptor.Session session = awaitSession(0);
        byte[] big = new byte[1000];
        for (int i = 0; i < 200; i++) send(session.connection, big);
        assertThat(session.connection.isWritable()).isFalse();
        device.send(frame(0x53, 0x01, 0x00, 0x01, 0x01));
        Thread.sleep(500); // a frame is not delivered while the session is unwritable: this gives it the chance to fail
        assertThat(session.frames).hasSize(1);
        assertThat(session.writableCalls.get()).isZero();

        device.resumeReading();
        await().atMost(WAIT).until(() -> session.frames.size() == 2);
        await().atMost(WAIT).until(() -> session.connection.queuedBytes() == 0);
        assertThat(session.writableCalls.get()).isEqualTo(1);
        assertThat(session.connection.isWritable()).isTrue();
        await().atMost(WAIT).until(() -> device.frames().size() == 200);
    }

    @Test
    void anOversizedFrameAndABadEscapeAreDroppedCountedAndTheLineResynchronises() throws Exception {
        SocatPty pty = pty("tty");
        open(TestConfig.port(pty.ttyA, "maxFrameBytes", 32));
        Device device = device(pty);
        device.send(new byte[33]);
        device.write(frame(0xC0, 0x53, 0xDB, 0x01, 0x02, 0xC0));
        device.send(HELLO.length <= 32 ? HELLO : frame(0x53, 0x01, 0x00, 0x00));
        RecordingAcceptor.Session session = awaitSession(0);
        await().atMost(WAIT).until(() -> session.frames.size() == 1);
        assertThat(transport.dropped(SerialRefusal.OVERSIZE)).isEqualTo(1);
        assertThat(transport.dropped(SerialRefusal.BAD_ESCAPE)).isEqualTo(1);
        device.send(new byte[32]); // exactly the limit
        await().atMost(WAIT).until(() -> session.frames.size() == 2);
        assertThat(session.frames.get(1)).isEqualTo(new byte[32]);
    }

    @Test
    void aConfigurationChangeReopensTheLineWithTheNewSettings() throws Exception {
        SocatPty one = pty("one");
        SocatPty two = pty("two");
        open(TestConfig.port(one.ttyA));
        Device first = device(one);
        first.send(HELLO);
        RecordingAcceptor.Session onOne = awaitSession(0);
        await().atMost(WAIT).until(() -> onOne.frames.size() == 1);

        transport.modified(TestConfig.port(two.ttyA, "baudRate", 57600));
        assertThat(onOne.closedCalls.get()).isEqualTo(1);
        assertThat(transport.endpoint()).isEqualTo("serial:" + two.ttyA + " 57600 8N1");
        Device second = device(two);
        second.send(HELLO);
        RecordingAcceptor.Session onTwo = awaitSession(1);
        await().atMost(WAIT).until(() -> onTwo.frames.size() == 1);
        assertThat(onTwo.connection.remoteAddress()).isEqualTo(two.ttyA.toString());

        first.send(HELLO); // the old port is closed: nothing reads it
        transport.modified(TestConfig.port(two.ttyA, "baudRate", 57600)); // the same settings: nothing happens
        send(onTwo.connection, frame(0x53, 0x01, 0x00, 0x00));
        await().atMost(WAIT).until(() -> second.frames().size() == 1);
        assertThat(onTwo.closedCalls.get()).isZero();
        assertThat(router.sessions).hasSize(2);
    }

    @Test
    void anInvalidChangeKeepsTheLineAsItWas() throws Exception {
        SocatPty pty = pty("tty");
        open(TestConfig.port(pty.ttyA));
        Device device = device(pty);
        device.send(HELLO);
        RecordingAcceptor.Session session = awaitSession(0);
        transport.modified(TestConfig.port(pty.ttyA, "parity", "sometimes"));
        send(session.connection, frame(0x53, 0x01, 0x00, 0x00));
        await().atMost(WAIT).until(() -> device.frames().size() == 1);
        assertThat(session.closedCalls.get()).isZero();
        assertThat(transport.endpoint()).isEqualTo("serial:" + pty.ttyA + " 115200 8N1");
    }

    @Test
    void closeTellsTheRouterAndEndsEveryThreadEvenWithAWriterBlockedOnADeviceThatDoesNotRead() throws Exception {
        SocatPty pty = pty("tty");
        open(TestConfig.port(pty.ttyA, "writeBufferHighWaterMark", 1 << 20, "writeBufferLowWaterMark", 1 << 19));
        Device device = device(pty);
        device.pauseReading();
        device.send(HELLO);
        RecordingAcceptor.Session session = awaitSession(0);
        for (int i = 0; i < 200; i++) send(session.connection, new byte[1000]);
        await().atMost(WAIT).pollDelay(Duration.ofMillis(200)).until(() -> session.connection.queuedBytes() > 50_000);
        assertThat(serialThreads()).containsExactlyInAnyOrder("clasp-transport-serial-t1-reader", "clasp-transport-serial-t1-writer");

        transport.close();
        transport = null;
        assertThat(session.closedCalls.get()).isEqualTo(1);
        assertThat(session.connection.queuedBytes()).isZero();
        assertThat(serialThreads()).isEmpty();
    }

    @Test
    void anInvalidConfigurationFailsActivationNamingTheProblem() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SerialTransport(TestConfig.port(""), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("clasp.transport.serial: invalid configuration: port must name the serial device's path, "
                        + "e.g. port=/dev/ttyUSB0");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SerialTransport(
                        TestConfig.port("/dev/x", "stopBits", "3"), Map.of()))
                .hasMessage("clasp.transport.serial: invalid configuration: stopBits must be 1, 1.5 or 2, is 3");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SerialTransport(
                        TestConfig.port("/dev/x", "writeBufferLowWaterMark", 10, "writeBufferHighWaterMark", 5), Map.of()))
                .hasMessage("clasp.transport.serial: invalid configuration: need 0 <= writeBufferLowWaterMark <= "
                        + "writeBufferHighWaterMark, are 10 and 5");
    }
}
