package clasp.router.internal.session;

import java.util.concurrent.atomic.AtomicInteger;

/** Admission (§3.1, D5): caps connections in handshake and handshaken network sessions. */
public final class SessionGate {
    private final AtomicInteger handshaking = new AtomicInteger();
    private final AtomicInteger active = new AtomicInteger();
    private volatile int maxHandshaking;
    private volatile int maxSessions;

    public SessionGate(int maxHandshaking, int maxSessions) {
        limits(maxHandshaking, maxSessions);
    }

    /** New limits apply to connections that arrive from now on; open ones stay. */
    public void limits(int maxHandshaking, int maxSessions) {
        this.maxHandshaking = maxHandshaking;
        this.maxSessions = maxSessions;
    }

    /** A new connection may start its handshake. */
    public boolean enter() {
        if (handshaking.incrementAndGet() > maxHandshaking) {
            handshaking.decrementAndGet();
            return false;
        }
        return true;
    }

    /** The handshake completed: true when there is room for one more session (then it counts as active). */
    public boolean admit() {
        if (active.incrementAndGet() > maxSessions) {
            active.decrementAndGet();
            return false;
        }
        handshaking.decrementAndGet();
        return true;
    }

    /** A connection went: it was still in handshake, or an admitted session. */
    public void leave(boolean wasHandshaking) {
        if (wasHandshaking) handshaking.decrementAndGet();
        else active.decrementAndGet();
    }

    public int active() { return active.get(); }
}
