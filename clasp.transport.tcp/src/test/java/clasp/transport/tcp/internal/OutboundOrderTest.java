package clasp.transport.tcp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import clasp.protocol.transport.Connection;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Connection contract over TCP: one order across threads, close after what is queued, closeNow, no leaks. */
@Timeout(value = 300, unit = TimeUnit.SECONDS) // the watchdog: a stalled round fails instead of hanging the build
class OutboundOrderTest {
    private final RecordingAcceptor router = new RecordingAcceptor();
    @RegisterExtension
    final StartedListeners listeners = new StartedListeners(router);

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
        TcpTransport transport = listeners.start();
        for (int r = 0; r < 10; r++) {
            int round = r;
            try (RawTcpClient client = RawTcpClient.connect(transport)) {
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
                    client.sendFrame(new byte[] {1});
                }
                int total = threads * perThread + fromLoop;
                for (int i = 0; i < total; i++) {
                    byte[] frame = client.readFrame();
                    assertThat(frame).as("round %d: frame %d", round, i).hasSize(4);
                    int carried = ByteBuffer.wrap(frame).getInt();
                    if (carried != i) {
                        throw new AssertionError("round " + round + ": frame " + i + " carries " + carried);
                    }
                }
                for (Thread writer : writers) {
                    writer.join();
                }
                assertThat(peer.frames).hasSize(fromLoop);
            }
        }
    }

    @Test
    void closeWritesEveryQueuedFrameFirstThenEndsTheStreamInOrder() throws Exception {
        router.echo = false;
        TcpTransport transport = listeners.start();
        for (int round = 0; round < 5; round++) {
            int index = round;
            try (RawTcpClient client = RawTcpClient.connect(transport)) {
                Stalls.await("connection", 30, () -> router.peers.size() == index + 1);
                RecordingAcceptor.Peer peer = router.peers.get(index);
                int frames = 5000;
                for (int i = 0; i < frames; i++) {
                    peer.connection.send(Unpooled.buffer(256).writeInt(i).writerIndex(256));
                }
                peer.connection.close(Connection.CLOSE_NORMAL, "done");
                peer.connection.send(Unpooled.buffer(4).writeInt(-1)); // after the close: released, never sent
                for (int i = 0; i < frames; i++) {
                    byte[] frame = client.readFrame();
                    assertThat(frame).hasSize(256);
                    assertThat(ByteBuffer.wrap(frame).getInt()).isEqualTo(i);
                }
                assertThat(client.readFrame()).isNull(); // an orderly end, not a reset
                Stalls.await("closed()", 30, () -> peer.closedCalls.get() == 1);
            }
        }
    }

    @Test
    void closeNowDiscardsTheBacklogOfAPeerThatDoesNotRead() throws Exception {
        router.echo = false;
        TcpTransport transport = listeners.start();
        try (RawTcpClient client = RawTcpClient.connect(transport)) {
            client.socket.setReceiveBufferSize(16 * 1024);
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

            int received = 0;
            byte[] frame;
            while ((frame = client.readFrame()) != null) {
                assertThat(ByteBuffer.wrap(frame).getInt()).isEqualTo(received);
                received++;
            }
            assertThat(received).isLessThan(backlog / 2);
            Stalls.await("closed()", 30, () -> peer.closedCalls.get() == 1);
            Stalls.await("every frame released", 30, () -> sent.stream().allMatch(b -> b.refCnt() == 0));
        }
    }
}
