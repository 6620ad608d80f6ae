package clasp.router.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import clasp.api.Feature;
import clasp.api.Value;
import clasp.api.message.AckMessage;
import clasp.api.message.Frame;
import clasp.api.message.GetMessage;
import clasp.api.message.HelloMessage;
import clasp.api.message.Message;
import clasp.api.message.ParamEntry;
import clasp.api.message.PingMessage;
import clasp.api.message.PongMessage;
import clasp.api.message.SetMessage;
import clasp.api.message.SnapshotMessage;
import clasp.api.message.SubscribeMessage;
import clasp.api.message.WelcomeMessage;
import clasp.api.router.ClaspException;
import clasp.api.router.LocalSession;
import clasp.protocol.ClaspCodec;
import clasp.protocol.DecodeException;
import clasp.protocol.transport.Connection;
import clasp.protocol.transport.ConnectionHandler;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Snapshots far larger than the outbound bound are built as the peer reads them: a slow reader gets every param
 * exactly once and stays open, never a revision older than a SET it already got; replies to later requests come
 * after the snapshot they follow; a peer that never reads is still closed with 1008, having cost about one
 * transport watermark.
 */
class PacedRepliesTest extends RouterTestSupport {
    private static final long BOUND = 1L << 20;
    private static final int PARAMS = 20 * 1024;   // 1 KiB each: 20 MiB of params
    private static final int HIGH = 256 * 1024;
    private static final int LOW = 64 * 1024;
    private static final long ONE_FRAME = 65_547;

    /** A peer that reads only when asked: not writable from 256 KiB queued until read down to 64 KiB. */
    static final class SlowReader implements Connection {
        private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
        final List<Message> read = new ArrayList<>();
        ConnectionHandler handler;
        long queued;
        long built;
        boolean writable = true;
        Integer closeCode;
        boolean closedNow;

        @Override public String transport() { return "test"; }
        @Override public String remoteAddress() { return "test:3"; }
        @Override public String peerIdentity() { return null; }
        @Override public int maxFrameBytes() { return (int) ONE_FRAME; }
        @Override public synchronized void send(ByteBuf frame) {
            byte[] bytes = ByteBufUtil.getBytes(frame);
            frame.release();
            if (closeCode != null) return;
            queue.add(bytes);
            queued += bytes.length;
            built += bytes.length;
            if (queued >= HIGH) writable = false;
        }
        @Override public synchronized boolean isWritable() { return writable; }
        @Override public synchronized long queuedBytes() { return queued; }
        @Override public long lastActivityNanos() { return System.nanoTime(); }
        @Override public synchronized void close(int code, String reason) { if (closeCode == null) closeCode = code; }
        @Override public synchronized void closeNow(int code, String reason) {
            closedNow = true;
            queue.clear();
            queued = 0;
            close(code, reason);
        }

        /** Reads up to {@code frames} frames; tells the router once it is below the low watermark again. */
        void read(int frames) {
            boolean drained;
            synchronized (this) {
                for (int i = 0; i < frames && !queue.isEmpty(); i++) {
                    byte[] b = queue.poll();
                    queued -= b.length;
                    read.add(decode(b));
                }
                drained = !writable && queued <= LOW;
                if (drained) writable = true;
            }
            if (drained) handler.writable();
        }

        synchronized boolean idle() { return queue.isEmpty(); }
    }

    private LocalSession writer;

    @BeforeEach void fill() throws Exception {
        restart(TestSettings.defaults().maxQueuedBytes(BOUND).stallTimeoutSeconds(1));
        writer = router.openSession("writer", false);
        String kibibyte = "x".repeat(1_000);
        for (int i = 0; i < PARAMS; i++) writer.set("/big/" + i, Value.of(kibibyte));
    }

    private static Message decode(byte[] b) {
        try {
            return ClaspCodec.defaults().decode(b).message();
        } catch (DecodeException e) {
            throw new AssertionError("router sent an undecodable frame", e);
        }
    }

    private static void send(SlowReader peer, Message m) {
        peer.handler.frameReceived(Unpooled.wrappedBuffer(TestClient.encode(Frame.of(m))));
    }

    private SlowReader slowPeer() {
        SlowReader peer = new SlowReader();
        peer.handler = router.accept(peer);
        send(peer, new HelloMessage(1, Set.of(Feature.PARAM), "slow", null));
        return peer;
    }

    /** Reads everything, a few frames at a time, running {@code between} after each read. */
    private static void readAll(SlowReader peer, Runnable between) {
        while (!peer.idle()) {
            peer.read(3);
            between.run();
        }
    }

    private static Map<String, Integer> countEntries(List<Message> messages) {
        Map<String, Integer> seen = new HashMap<>();
        for (Message m : messages) {
            if (m instanceof SnapshotMessage s) for (ParamEntry e : s.params()) seen.merge(e.address(), 1, Integer::sum);
        }
        return seen;
    }

    @Test void aSlowReaderGetsEveryParamOnceAndStaysOpen() {
        SlowReader peer = slowPeer();
        assertThat(peer.built).as("built ahead of the reader").isLessThanOrEqualTo(HIGH + ONE_FRAME);
        readAll(peer, () -> { });
        assertThat(peer.read.get(0)).isInstanceOf(WelcomeMessage.class);
        Map<String, Integer> greeting = countEntries(peer.read);
        assertThat(greeting).hasSize(PARAMS);
        assertThat(greeting.values()).containsOnly(1);

        peer.read.clear();
        send(peer, new SubscribeMessage(1, "/big/**"));
        readAll(peer, () -> { });
        Map<String, Integer> subscribed = countEntries(peer.read);
        assertThat(subscribed).hasSize(PARAMS);
        assertThat(subscribed.values()).containsOnly(1);
        assertThat(peer.closeCode).as("still open").isNull();
        assertThat(router.stats().refusals()).doesNotContainKey("slow-consumer");
    }

    /** SETs may interleave with a paced snapshot, but no entry is older than a SET the session already got. */
    @Test void snapshotEntriesAreNeverOlderThanSetsAlreadyDelivered() {
        SlowReader peer = slowPeer();
        readAll(peer, () -> { });
        peer.read.clear();
        send(peer, new SubscribeMessage(1, "/big/**"));
        int[] round = {0};
        readAll(peer, () -> {
            int r = round[0]++;
            if (r >= 200) return;
            try {
                writer.set("/big/" + (PARAMS - 1 - (r * 7) % PARAMS), Value.of(r));   // from the end: not sent yet
            } catch (ClaspException e) {
                throw new AssertionError(e);
            }
        });
        Map<String, Long> last = new HashMap<>();
        int sets = 0;
        for (Message m : peer.read) {
            List<ParamEntry> entries = new ArrayList<>();
            if (m instanceof SnapshotMessage s) entries.addAll(s.params());
            if (m instanceof SetMessage set) {
                sets++;
                entries.add(new ParamEntry(set.address(), set.value(), set.revision(), null, null));
            }
            for (ParamEntry e : entries) {
                Long before = last.put(e.address(), e.revision());
                assertThat(before == null || before <= e.revision())
                        .as("%s went back from revision %s to %s", e.address(), before, e.revision()).isTrue();
            }
        }
        assertThat(sets).as("SETs delivered while the snapshot was paced").isPositive();
        assertThat(countEntries(peer.read)).hasSize(PARAMS);
    }

    @Test void repliesToLaterRequestsComeAfterTheSnapshotTheyFollow() {
        SlowReader peer = slowPeer();
        readAll(peer, () -> { });
        peer.read.clear();
        send(peer, new SubscribeMessage(1, "/big/**"));
        send(peer, PingMessage.INSTANCE);
        send(peer, new SetMessage("/other", Value.of(5L)));
        send(peer, new GetMessage("/other"));
        assertThat(peer.idle()).as("the snapshot is still being paced").isFalse();
        readAll(peer, () -> { });

        List<Message> tail = peer.read.subList(peer.read.size() - 3, peer.read.size());
        assertThat(tail.get(0)).isEqualTo(PongMessage.INSTANCE);
        assertThat(tail.get(1)).isEqualTo(new AckMessage("/other", 1L, null, null, null));
        assertThat(((SnapshotMessage) tail.get(2)).params()).extracting(ParamEntry::address).containsExactly("/other");
        assertThat(countEntries(peer.read.subList(0, peer.read.size() - 3))).hasSize(PARAMS);
    }

    @Test void aPeerThatNeverReadsIsClosedWith1008HavingCostAboutOneWatermark() {
        SlowReader peer = slowPeer();
        send(peer, new SubscribeMessage(1, "/big/**"));
        send(peer, PingMessage.INSTANCE);
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            router.reap();
            return peer.closeCode != null;
        });
        assertThat(peer.closeCode).isEqualTo(1008);
        assertThat(peer.closedNow).as("closed at once, not behind its backlog").isTrue();
        assertThat(peer.built).as("bytes built for it").isLessThanOrEqualTo(HIGH + ONE_FRAME);
        assertThat(router.stats().refusals()).containsEntry("slow-consumer", 1L);
    }
}
