package clasp.router.internal.session;

import clasp.api.message.ErrorMessage;
import clasp.api.message.Message;
import clasp.api.message.SetMessage;
import clasp.api.router.ErrorCodes;
import clasp.protocol.transport.Connection;
import clasp.router.internal.RouterCore;
import clasp.router.internal.metrics.RouterCounters;
import io.netty.buffer.ByteBuf;
import clasp.router.internal.delivery.Chunks;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * What one network session sends (D2, §3.8). A broadcast goes straight to the connection while it is writable and
 * no SET is held back; otherwise SETs are held, the latest per address, and everything else is dropped. Replies are
 * never dropped, but every frame counts toward the hard bound: past {@code maxQueuedBytes} (or stalled past its
 * time) the connection is closed at once with 1008 ({@link Connection#closeNow}).
 *
 * <p>Paced replies. A SNAPSHOT or RESULT reply is built a message at a time ({@link #paced}), only while the
 * connection is writable and no SET is held back; when it is not, building stops and goes on from {@link #writable}.
 * While a paced reply is unfinished, later replies queue behind it, encoded ({@code pending}), so every reply leaves
 * in request order; broadcasts do not wait (a message is built from the live store, never older than a SET the
 * session got before it was built). The bound counts queued bytes, pending replies, and one message for each paced
 * reply waiting behind another; an unfinished paced reply holds at most one entry read ahead in memory.
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
    /** What an unfinished paced reply counts toward the bound: the one message it may build next. */
    private static final long ONE_MESSAGE = Chunks.ENTRY_BYTES;

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
    private final ArrayDeque<Object> pending = new ArrayDeque<>();   // ByteBuf or Supplier<Message>; guarded by this
    private long pendingBytes;                   // encoded replies in pending; guarded by this
    private int pacedCount;                      // paced replies in pending; guarded by this
    private volatile boolean pacing;             // pending is not empty; set and cleared under this

    /** {@code onStop} runs once, on the thread that passed a bound, when the connection has been closed. */
    Outbound(RouterCore core, Connection connection, TrafficCounters traffic, Runnable onStop) {
        this.core = core;
        this.connection = connection;
        this.traffic = traffic;
        this.onStop = onStop;
    }

    boolean stopped() { return stopped; }

    /** Paced replies not yet fully sent (snapshots, QUERY results, REPLAY runs). */
    synchronized int pacedReplies() { return pacedCount; }

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
                || overBound()) {
            stop();
            return;
        }
        if (m instanceof SetMessage set) {
            if (held == null) held = new LinkedHashMap<>();
            ByteBuf older = held.remove(set.address());
            if (older != null) {
                older.release();
                core.counters.coalesced(RouterCounters.Coalesce.CONGESTED);
            }
            held.put(set.address(), frame.retainedDuplicate());
            return;
        }
        core.dropped.increment();
        core.counters.dropped(RouterCounters.Drop.CONGESTED);
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

    /** The transport drained below its low watermark: held SETs first, then the paced replies. */
    synchronized void writable() {
        if (stopped || !connection.isWritable()) return;
        unwritableSince = 0;
        if (held != null) flushHeld();
        pump();
        if (held != null || pacing) unwritableSince = System.nanoTime();   // full again before all of it left
    }

    /** A direct reply: never dropped, but past the hard bound the connection is closed instead. True if still open. */
    boolean reply(Message m) {
        if (stopped) return false;
        if (m instanceof ErrorMessage e) core.counters.error(e.code());
        if (pacing) return queue(m);
        ByteBuf frame = core.encode(m);
        if (frame == null) return true;
        send(frame);
        if (connection.queuedBytes() > core.settings().maxQueuedBytes()) stop();
        return !stopped;
    }

    /** A reply behind an unfinished paced one (re-checked here: the last one may have just finished). */
    private synchronized boolean queue(Message m) {
        if (stopped) return false;
        ByteBuf frame = core.encode(m);
        if (frame == null) return true;
        if (!pacing) {
            send(frame);
        } else {
            pending.add(frame);
            pendingBytes += frame.readableBytes();
        }
        if (overBound()) stop();
        return !stopped;
    }

    /** A reply built one message at a time by {@code messages} (null when done), as the connection takes them. */
    synchronized boolean paced(Supplier<? extends Message> messages) {
        if (stopped) return false;
        pending.add(messages);
        pacedCount++;
        pacing = true;
        if (overBound()) {
            stop();
            return false;
        }
        if (connection.isWritable()) pump();
        if (pacing && unwritableSince == 0) unwritableSince = System.nanoTime();
        return !stopped;
    }

    /** Sends pending replies, building paced ones a message at a time, while the connection takes them. */
    private void pump() {
        while (!stopped && pacing && held == null && connection.isWritable()) {
            Object next = pending.peek();
            if (next instanceof ByteBuf frame) {
                pending.poll();
                pendingBytes -= frame.readableBytes();
                send(frame);
            } else {
                @SuppressWarnings("unchecked")
                Message m = ((Supplier<? extends Message>) next).get();
                if (m == null) {
                    pending.poll();
                    pacedCount--;
                } else {
                    ByteBuf frame = core.encode(m);
                    if (frame != null) send(frame);
                }
            }
            if (pending.isEmpty()) pacing = false;
            if (overBound()) stop();
        }
    }

    /**
     * Past the hard bound: bytes queued in the transport, replies waiting behind a paced one, and a message for each
     * paced reply waiting behind another (the one being built goes at the pace the connection takes it).
     */
    private boolean overBound() {
        long waiting = pendingBytes + ONE_MESSAGE * Math.max(0, pacedCount - 1);
        return connection.queuedBytes() + waiting > core.settings().maxQueuedBytes();
    }

    private void send(ByteBuf frame) {
        core.counters.sent(frame);
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
        for (Object p : pending) if (p instanceof ByteBuf frame) frame.release();
        pending.clear();
        pendingBytes = 0;
        pacedCount = 0;
        pacing = false;
    }
}
