package clasp.router.internal.session;

import clasp.api.message.ErrorMessage;
import clasp.api.message.Message;
import clasp.api.message.SetMessage;
import clasp.api.router.ErrorCodes;
import clasp.protocol.transport.Connection;
import clasp.router.internal.RouterCore;
import io.netty.buffer.ByteBuf;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * What one network session sends (D2, §3.8). A broadcast goes straight to the connection while it is writable and
 * no SET is held back; otherwise SETs are held, the latest per address, and everything else is dropped. Replies are
 * never dropped, but every frame counts toward the hard bound: past {@code maxQueuedBytes} (or stalled past its
 * time) the connection is closed at once with 1008 ({@link Connection#closeNow}).
 *
 * <p>Threads and locks. Broadcasts arrive on any thread, each holding its address's stripe; replies come from the
 * connection's inbound thread; {@link #writable} from the transport. {@code held} is guarded by this object's
 * monitor and stays non-null until every frame in it has been sent, so the lock-free fast path
 * ({@code held == null} and writable) can never overtake a held SET (D3). Lock order: address stripe, then this
 * monitor, then the transport's {@code send} (which never blocks). Nothing here takes a stripe or cleans the session
 * up: past a bound it calls {@code closeNow} and hands the cleanup to its session, which runs it without locks.
 */
final class Outbound {
    private static final long WINDOW_NANOS = 10_000_000_000L;
    private static final int DROP_NOTICE_THRESHOLD = 100;
    private static final String TOO_SLOW = "too slow to take its frames";

    private final RouterCore core;
    private final Connection connection;
    private final TrafficCounters traffic;
    private final Runnable onStop;
    final LongAdder frames = new LongAdder();
    private volatile boolean stopped;
    private volatile Map<String, ByteBuf> held;   // non-null while SETs are held back; guarded by this
    private long unwritableSince;                 // guarded by this
    private long dropWindowStart;                 // guarded by this
    private int dropsInWindow;                    // guarded by this
    private long lastDropNotice = Long.MIN_VALUE / 2;

    /** {@code onStop} runs once, on the thread that passed a bound, when the connection has been closed. */
    Outbound(RouterCore core, Connection connection, TrafficCounters traffic, Runnable onStop) {
        this.core = core;
        this.connection = connection;
        this.traffic = traffic;
        this.onStop = onStop;
    }

    boolean stopped() { return stopped; }

    /** A broadcast; {@code frame} stays the caller's (a retained duplicate is sent or held). */
    void deliver(Message m, ByteBuf frame) {
        if (stopped) return;
        if (held == null && connection.isWritable()) {
            send(frame.retainedDuplicate());
            return;
        }
        congested(m, frame);
    }

    private synchronized void congested(Message m, ByteBuf frame) {
        if (stopped) return;
        long now = System.nanoTime();
        if (connection.isWritable()) {
            if (held != null) flushHeld();   // it drained before the transport said so: held SETs go first
            if (held == null) {
                unwritableSince = 0;
                send(frame.retainedDuplicate());
                return;
            }
        }
        if (unwritableSince == 0) unwritableSince = now;
        if (now - unwritableSince > core.settings().stallTimeoutSeconds() * 1_000_000_000L
                || connection.queuedBytes() > core.settings().maxQueuedBytes()) {
            stop();
            return;
        }
        if (m instanceof SetMessage set) {
            if (held == null) held = new LinkedHashMap<>();
            ByteBuf older = held.remove(set.address());
            if (older != null) older.release();
            held.put(set.address(), frame.retainedDuplicate());
            return;
        }
        core.dropped.increment();
        countDrop(now);
    }

    /** Sends held SETs, oldest address first, while the connection takes them; {@code held} empties last. */
    private void flushHeld() {
        Iterator<ByteBuf> it = held.values().iterator();
        while (it.hasNext() && connection.isWritable()) {
            ByteBuf f = it.next();
            it.remove();
            send(f);
        }
        if (!it.hasNext()) held = null;
    }

    /** §3.8: one 503 notice once 100 drops fall in a 10 s window, at most one per 10 s. */
    private void countDrop(long now) {
        if (now - dropWindowStart > WINDOW_NANOS) {
            dropWindowStart = now;
            dropsInWindow = 0;
        }
        dropsInWindow++;
        if (dropsInWindow >= DROP_NOTICE_THRESHOLD && now - lastDropNotice > WINDOW_NANOS) {
            lastDropNotice = now;
            reply(new ErrorMessage(ErrorCodes.BUFFER_OVERFLOW,
                    "Buffer overflow: messages being dropped (" + dropsInWindow + " drops in last 10 seconds)"));
        }
    }

    /** The transport drained below its low watermark. */
    synchronized void writable() {
        if (stopped || !connection.isWritable()) return;
        unwritableSince = 0;
        if (held != null) flushHeld();
        if (held != null) unwritableSince = System.nanoTime();   // full again before all held SETs left
    }

    /** A direct reply: never dropped, but past the hard bound the connection is closed instead. True if still open. */
    boolean reply(Message m) {
        if (stopped) return false;
        ByteBuf frame = core.encode(m);
        if (frame == null) return true;
        send(frame);
        if (connection.queuedBytes() > core.settings().maxQueuedBytes()) stop();
        return !stopped;
    }

    private void send(ByteBuf frame) {
        core.framesOut.increment();
        traffic.framesOut.increment();
        frames.increment();
        connection.send(frame);
    }

    /** Whether the session has been unable to take frames for longer than the stall bound (checked by the reaper). */
    synchronized boolean stalled(long now) {
        return unwritableSince != 0 && now - unwritableSince > core.settings().stallTimeoutSeconds() * 1_000_000_000L;
    }

    /** Past a bound: the close frame leaves next, unsent frames are discarded, and the session is told once. */
    synchronized void stop() {
        if (stopped) return;
        stopped = true;
        connection.closeNow(Connection.CLOSE_POLICY, TOO_SLOW);
        release();
        onStop.run();
    }

    /** Releases what is held; nothing is sent from now on. */
    synchronized void release() {
        stopped = true;
        if (held != null) held.values().forEach(ByteBuf::release);
        held = null;
    }
}
