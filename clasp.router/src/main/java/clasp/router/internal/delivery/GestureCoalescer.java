package clasp.router.internal.delivery;

import clasp.router.internal.session.Session;
import clasp.api.message.PublishMessage;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * §7.3: open gestures, keyed by address and gesture id, hold back their moves so that only the latest one
 * leaves — when the moves pause for an interval, or just before the gesture's End or Cancel.
 * Callers hold the address's stripe lock around {@link #publish}; {@link #flush} takes it itself.
 */
public final class GestureCoalescer {
    /** Sends a gesture to its subscribers, excluding the session that published it. */
    public interface Forward { void send(Session sender, PublishMessage m); }

    /** Open gestures at most; past it a Start is forwarded without opening one, so its moves are not held. */
    public static final int MAX_OPEN = 65_536;
    /** Gestures open longer than this since their Start are dropped with their pending move (§7.3). */
    public static final long EXPIRY_NANOS = 300_000_000_000L;

    private record Key(String address, long id) { }

    private static final class Open {
        final long startedNanos;
        PublishMessage move;
        Session mover;
        long movedNanos;

        Open(long startedNanos) { this.startedNanos = startedNanos; }
    }

    private final Map<Key, Open> open = new ConcurrentHashMap<>();
    private volatile long intervalNanos;
    private final Forward out;

    /** {@code intervalNanos} 0: moves leave only at End or Cancel. */
    public GestureCoalescer(long intervalNanos, Forward out) {
        this.intervalNanos = intervalNanos;
        this.out = out;
    }

    public void publish(Session sender, PublishMessage m, long now) {
        Key key = new Key(m.address(), m.id() == null ? 0 : m.id());
        switch (m.phase()) {
            case START -> {
                if (open.size() < MAX_OPEN || open.containsKey(key)) open.put(key, new Open(now));
                out.send(sender, m);
            }
            case MOVE -> {
                Open g = open.get(key);
                if (g == null) {
                    out.send(sender, m);
                } else {
                    g.move = m;
                    g.mover = sender;
                    g.movedNanos = now;
                }
            }
            case END, CANCEL -> {
                Open g = open.remove(key);
                if (g != null && g.move != null) out.send(g.mover, g.move);
                out.send(sender, m);
            }
        }
    }

    /** Sends the moves that have waited an interval since they arrived; drops gestures open too long. */
    public void flush(long now, Function<String, Object> lockOf) {
        for (Key key : open.keySet()) {
            synchronized (lockOf.apply(key.address())) {
                Open g = open.get(key);
                if (g == null) continue;
                if (now - g.startedNanos >= EXPIRY_NANOS) {
                    open.remove(key);
                } else if (g.move != null && intervalNanos > 0 && now - g.movedNanos >= intervalNanos) {
                    PublishMessage move = g.move;
                    g.move = null;
                    out.send(g.mover, move);
                }
            }
        }
    }

    public int openCount() { return open.size(); }

    public void interval(long nanos) { this.intervalNanos = nanos; }
}
