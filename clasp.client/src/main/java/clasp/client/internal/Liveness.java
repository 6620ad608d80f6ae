package clasp.client.internal;

import clasp.api.message.SyncMessage;
import clasp.client.Heartbeat;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The timers of one established connection: the heartbeat (a PING after {@code interval} of inbound or outbound
 * silence, the connection declared dead after {@code timeout} of inbound silence, checked every {@code interval / 2})
 * and clock sync (5 SYNCs 50 ms
 * apart, then one per {@code clockSync}; replies to unknown t1s are ignored). Event loop only.
 */
final class Liveness {
    private static final int SYNC_BURST = 5;
    private static final long SYNC_BURST_SPACING_MILLIS = 50;
    private static final int MAX_SYNCS_IN_FLIGHT = 16;

    /** What the timers do to the connection. */
    interface Peer {
        void ping();

        void sync(long t1);

        void dead(String reason);
    }

    private final EventLoop loop;
    private final Heartbeat heartbeat;
    private final Duration clockSync;
    private final ClockSync clock;
    private final ArrayDeque<Long> syncsInFlight = new ArrayDeque<>();
    private final List<Future<?>> timers = new ArrayList<>();
    private long lastInbound;
    private volatile long lastOutbound;   // written by any sending thread

    Liveness(EventLoop loop, Heartbeat heartbeat, Duration clockSync, ClockSync clock) {
        this.loop = loop;
        this.heartbeat = heartbeat;
        this.clockSync = clockSync;
        this.clock = clock;
    }

    /** A frame arrived (or a link opened) at {@code nanos}. */
    void heard(long nanos) { lastInbound = nanos; }

    /**
     * A frame was sent at {@code nanos}. A client that only listens still pings: the router counts only what it
     * receives as activity and closes a session silent for its idle timeout, however much it sends to it.
     */
    void said(long nanos) { lastOutbound = nanos; }

    void start(Peer peer) {
        stop();
        if (heartbeat.enabled()) {
            long interval = heartbeat.interval().toNanos();
            long timeout = heartbeat.timeout().toNanos();
            timers.add(loop.scheduleAtFixedRate(() -> {
                long now = System.nanoTime();
                long silent = now - lastInbound;
                if (silent >= timeout) peer.dead("no frame from the router for " + silent / 1_000_000 + " ms (heartbeat)");
                else if (silent >= interval || now - lastOutbound >= interval) peer.ping();
            }, interval / 2, interval / 2, TimeUnit.NANOSECONDS));
        }
        if (!clockSync.isZero()) {
            Runnable sync = () -> {
                long t1 = LocalClock.micros();
                if (syncsInFlight.size() >= MAX_SYNCS_IN_FLIGHT) syncsInFlight.poll();
                syncsInFlight.add(t1);
                peer.sync(t1);
            };
            for (int i = 0; i < SYNC_BURST; i++) {
                timers.add(loop.schedule(sync, i * SYNC_BURST_SPACING_MILLIS, TimeUnit.MILLISECONDS));
            }
            long every = clockSync.toNanos();
            timers.add(loop.scheduleAtFixedRate(sync, every, every, TimeUnit.NANOSECONDS));
        }
    }

    void stop() {
        timers.forEach(t -> t.cancel(false));
        timers.clear();
        syncsInFlight.clear();
    }

    /** A SYNC reply: a clock sample if it answers one of ours. */
    void synced(SyncMessage m, long t4) {
        if (m.t2() == null || m.t3() == null || !syncsInFlight.remove(m.t1())) return;
        clock.sample(m.t1(), m.t2(), m.t3(), t4);
    }
}
