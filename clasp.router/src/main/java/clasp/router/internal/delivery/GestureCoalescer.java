package clasp.router.internal.delivery;

import clasp.router.internal.clock.RouterClock;
import clasp.router.internal.session.Session;

import clasp.api.message.PublishMessage;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * §7.3: open gestures, keyed by address and gesture id, hold back their moves so that only the latest one
 * leaves — when the moves pause for an interval, or just before the gesture's End or Cancel. A held move arms one
 * flush on the router's clock. A gesture silent (no Start or Move) for the idle time is forgotten, its held move sent
 * first: one expiry check per open gesture, which re-arms for the rest of the idle time when it finds a newer move.
 * Callers hold the address's stripe lock around {@link #publish}; the clock's tasks take it themselves, so an
 * open gesture's fields are only touched under its address's stripe.
 */
public final class GestureCoalescer {
    /** Sends a gesture to its subscribers, excluding the session that published it. */
    public interface Forward { void send(Session sender, PublishMessage m); }

    /** Open gestures at most; past it a Start is forwarded without opening one, so its moves are not held. */
    public static final int MAX_OPEN = 65_536;
    /** The default idle time after which a silent gesture is forgotten (the reference's 300 s, counted from its last move). */
    public static final long DEFAULT_IDLE_MICROS = 300_000_000L;

    private record Key(String address, long id) { }

    private static final class Open {
        PublishMessage move;
        Session mover;
        long movedMicros;
        long heardMicros;             // its last Start or Move
        RouterClock.Timeout flush;    // armed while a move is held
        RouterClock.Timeout expiry;
    }

    private final Map<Key, Open> open = new ConcurrentHashMap<>();
    private final RouterClock clock;
    private final Function<String, Object> lockOf;
    private final Forward out;
    private final Runnable coalesced;   // counts a held move replaced by a newer one
    private volatile long intervalMicros;
    private volatile long idleMicros = DEFAULT_IDLE_MICROS;

    /** {@code intervalMicros} 0: moves leave only at End or Cancel. */
    public GestureCoalescer(RouterClock clock, long intervalMicros, Function<String, Object> lockOf, Forward out) {
        this(clock, intervalMicros, lockOf, out, () -> { });
    }

    /** {@code coalesced} runs each time a held move is replaced by a newer one, under the address's stripe. */
    public GestureCoalescer(RouterClock clock, long intervalMicros, Function<String, Object> lockOf, Forward out,
                            Runnable coalesced) {
        this.coalesced = coalesced;
        this.clock = clock;
        this.intervalMicros = intervalMicros;
        this.lockOf = lockOf;
        this.out = out;
    }

    public void publish(Session sender, PublishMessage m) {
        Key key = new Key(m.address(), m.id() == null ? 0 : m.id());
        switch (m.phase()) {
            case START -> {
                if (open.size() < MAX_OPEN || open.containsKey(key)) {
                    Open g = new Open();
                    g.heardMicros = clock.nowMicros();
                    long idle = idleMicros;
                    if (idle > 0) g.expiry = clock.schedule(idle, TimeUnit.MICROSECONDS, () -> expire(key, g));
                    Open before = open.put(key, g);
                    if (before != null) cancel(before);
                }
                out.send(sender, m);
            }
            case MOVE -> {
                Open g = open.get(key);
                if (g == null) {
                    out.send(sender, m);
                    return;
                }
                if (g.move != null) coalesced.run();
                g.move = m;
                g.mover = sender;
                g.movedMicros = clock.nowMicros();
                g.heardMicros = g.movedMicros;
                long interval = intervalMicros;
                if (interval > 0 && g.flush == null) {
                    g.flush = clock.schedule(interval, TimeUnit.MICROSECONDS, () -> flush(key, g));
                }
            }
            case END, CANCEL -> {
                Open g = open.remove(key);
                if (g != null) {
                    cancel(g);
                    if (g.move != null) out.send(g.mover, g.move);
                }
                out.send(sender, m);
            }
        }
    }

    /** The held move leaves once the moves paused for an interval; a newer move re-arms for the rest of its wait. */
    private void flush(Key key, Open g) {
        synchronized (lockOf.apply(key.address())) {
            g.flush = null;
            if (open.get(key) != g || g.move == null) return;
            long left = g.movedMicros + intervalMicros - clock.nowMicros();
            if (left > 0) {
                g.flush = clock.schedule(left, TimeUnit.MICROSECONDS, () -> flush(key, g));
                return;
            }
            PublishMessage move = g.move;
            g.move = null;
            out.send(g.mover, move);
        }
    }

    /** A gesture silent for the idle time is forgotten, its held move sent first; one heard since waits for the rest. */
    private void expire(Key key, Open g) {
        synchronized (lockOf.apply(key.address())) {
            if (open.get(key) != g) return;
            long idle = idleMicros;
            long left = idle <= 0 ? 0 : g.heardMicros + idle - clock.nowMicros();
            if (idle <= 0) {
                g.expiry = null;   // expiry turned off meanwhile: the gesture stays open until End or Cancel
                return;
            }
            if (left > 0) {
                g.expiry = clock.schedule(left, TimeUnit.MICROSECONDS, () -> expire(key, g));
                return;
            }
            open.remove(key);
            cancel(g);
            if (g.move != null) out.send(g.mover, g.move);
        }
    }

    private static void cancel(Open g) {
        if (g.flush != null) g.flush.cancel();
        if (g.expiry != null) g.expiry.cancel();
    }

    public int openCount() { return open.size(); }

    public void interval(long micros) { this.intervalMicros = micros; }

    /** Open gestures silent this long are forgotten from their next check on; 0: never. */
    public void idle(long micros) { this.idleMicros = micros; }

    /** Drops every open gesture and its timers (the router stops). */
    public void clear() {
        open.values().forEach(GestureCoalescer::cancel);
        open.clear();
    }
}
