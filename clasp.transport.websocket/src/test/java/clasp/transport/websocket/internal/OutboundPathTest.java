package clasp.transport.websocket.internal;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import clasp.protocol.transport.Connection;
import clasp.transport.websocket.internal.RawWebSocket.ServerFrame;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Connection contract over real sockets: one order across threads, back-pressure, closeNow, no leaks. */
class OutboundPathTest {
    private final RecordingAcceptor router = new RecordingAcceptor();
    @RegisterExtension
    final StartedListeners listeners = new StartedListeners(router);

    private WebSocketTransport start(Object... config) {
        return listeners.start(config);
    }

    /** Numbers its sends under one lock, as the router serialises an address's SETs, from any thread. */
    private static final class Sequencer {
        private final Connection connection;
        private int next;

        Sequencer(Connection connection) {
            this.connection = connection;
        }

        synchronized void sendNext() {
            connection.send(Unpooled.buffer(4).writeInt(next++));
        }
    }

    @Test
    void framesFromManyThreadsAndTheEventLoopLeaveInTheOrderTheyWereSent() throws Exception {
        router.echo = false;
        WebSocketTransport transport = start();
        for (int r = 0; r < 10; r++) {
            int round = r;
            TestClient client = TestClient.connect(URI.create("ws://127.0.0.1:" + transport.localAddress().getPort() + "/"));
            Stalls.await("connection " + round, 30, () -> router.peers.size() == round + 1);
            RecordingAcceptor.Peer peer = router.peers.get(round);
            Sequencer sequencer = new Sequencer(peer.connection);
            peer.onFrame = frame -> sequencer.sendNext(); // on the event loop

            int threads = 4;
            int perThread = 2000;
            int fromLoop = 500;
            List<Thread> writers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Thread writer = new Thread(() -> {
                    for (int i = 0; i < perThread; i++) {
                        sequencer.sendNext();
                    }
                }, "test-writer-" + t);
                writers.add(writer);
                writer.start();
            }
            for (int i = 0; i < fromLoop; i++) {
                client.sendBinary(new byte[] {1}); // waits: java.net.http allows one send at a time
            }
            int total = threads * perThread + fromLoop;
            Stalls.await("round " + round + ": all frames", 60, () -> client.binaries.size() >= total);
            for (Thread writer : writers) {
                writer.join();
            }
            List<Integer> received = client.binaries.stream().map(b -> ByteBuffer.wrap(b).getInt()).toList();
            for (int i = 0; i < total; i++) {
                if (received.get(i) != i) {
                    throw new AssertionError("round " + round + ": frame " + i + " carries " + received.get(i)
                            + "; around it: " + received.subList(Math.max(0, i - 3), Math.min(total, i + 4)));
                }
            }
            assertThat(received).hasSize(total);
            client.close();
        }
    }

    @Test
    void closeNowDiscardsTheBacklogAndThePeerReadsTheCloseNext() throws Exception {
        router.echo = false;
        WebSocketTransport transport = start();
        try (RawWebSocket raw = RawWebSocket.open(transport.localAddress(), "/", new byte[0], 16 * 1024)) {
            Stalls.await("connection", 30, () -> router.peers.size() == 1);
            RecordingAcceptor.Peer peer = router.only();
            List<ByteBuf> sent = new ArrayList<>();
            int backlog = 2000;
            for (int i = 0; i < backlog; i++) {
                ByteBuf frame = Unpooled.buffer(16 * 1024).writeInt(i).writerIndex(16 * 1024);
                sent.add(frame);
                peer.connection.send(frame);
            }
            assertThat(peer.connection.queuedBytes()).isGreaterThan(1024 * 1024);

            peer.connection.closeNow(Connection.CLOSE_POLICY, "too slow");

            int binaries = 0;
            ServerFrame frame;
            while ((frame = raw.readFrame()).opcode() == ServerFrame.BINARY) {
                assertThat(ByteBuffer.wrap(frame.payload()).getInt()).isEqualTo(binaries);
                binaries++;
            }
            assertThat(frame.opcode()).isEqualTo(ServerFrame.CLOSE);
            assertThat(frame.closeCode()).isEqualTo(1008);
            assertThat(frame.closeReason()).isEqualTo("too slow");
            assertThat(raw.readFrame()).isNull(); // an orderly end of stream, not a reset
            assertThat(binaries).isLessThan(backlog / 2);
            Stalls.await("closed()", 30, () -> peer.closedCalls.get() == 1);
            Stalls.await("every frame released", 30, () -> sent.stream().allMatch(b -> b.refCnt() == 0));
        }
    }

    @Test
    void aPeerThatDoesNotReadIsNotReadEither() throws Exception {
        int high = 256 * 1024;
        WebSocketTransport transport = start("writeBufferHighWaterMark", high, "writeBufferLowWaterMark", 64 * 1024);
        int frames = 2000;
        int size = 8 * 1024;
        try (RawWebSocket raw = RawWebSocket.open(transport.localAddress(), "/", new byte[0], 16 * 1024)) {
            Stalls.await("connection", 30, () -> router.peers.size() == 1);
            RecordingAcceptor.Peer peer = router.only();
            AtomicReference<Throwable> writeFailure = new AtomicReference<>();
            Thread writer = new Thread(() -> writeFrames(raw.out, frames, size, writeFailure), "test-flooder");
            writer.start();

            // The router echoes every frame and the peer reads none: reading stops once the echoes pass the mark.
            Stalls.await("unwritable", 30, () -> !peer.connection.isWritable());
            AtomicInteger seen = new AtomicInteger(-1);
            await().atMost(30, SECONDS).pollInterval(500, java.util.concurrent.TimeUnit.MILLISECONDS)
                    .until(() -> seen.getAndSet(peer.frames.size()) == peer.frames.size());
            // What was read is bounded by the mark, what the kernel buffers for the peer, and one read batch.
            long bound = high + kernelSendBufferMax() + 2L * 1024 * 1024;
            assertThat((long) peer.frames.size() * size).isLessThanOrEqualTo(bound);
            assertThat(peer.frames.size()).isLessThan(frames);
            assertThat(peer.connection.isWritable()).isFalse();

            List<Integer> echoed = new CopyOnWriteArrayList<>();
            Thread reader = new Thread(() -> readBinaries(raw, echoed), "test-reader");
            reader.start();
            Stalls.await("every echo", 60, () -> echoed.size() == frames);
            writer.join(10_000);
            assertThat(writeFailure.get()).isNull();
            for (int i = 0; i < frames; i++) {
                assertThat(echoed.get(i)).isEqualTo(i);
            }
            assertThat(peer.frames).hasSize(frames);
            Stalls.await("writable again", 30, () -> peer.connection.isWritable() && peer.writableCalls.get() >= 1);
        }
    }

    /** The largest send buffer Linux grows a socket to (tcp_wmem's maximum); 4 MiB where that is unknown. */
    private static long kernelSendBufferMax() {
        try {
            String[] wmem = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/sys/net/ipv4/tcp_wmem")).trim().split("\\s+");
            return Long.parseLong(wmem[2]);
        } catch (IOException | RuntimeException unknown) {
            return 4L * 1024 * 1024;
        }
    }

    private static void writeFrames(OutputStream out, int frames, int size, AtomicReference<Throwable> failure) {
        try {
            for (int i = 0; i < frames; i++) {
                byte[] payload = new byte[size];
                ByteBuffer.wrap(payload).putInt(i);
                out.write(RawWebSocket.maskedBinaryFrame(payload));
            }
            out.flush();
        } catch (IOException e) {
            failure.set(e);
        }
    }

    private static void readBinaries(RawWebSocket raw, List<Integer> into) {
        try {
            ServerFrame frame;
            while ((frame = raw.readFrame()) != null) {
                if (frame.opcode() == ServerFrame.BINARY) {
                    into.add(ByteBuffer.wrap(frame.payload()).getInt());
                }
            }
        } catch (IOException closed) {
            // the test closed the socket
        }
    }
}
