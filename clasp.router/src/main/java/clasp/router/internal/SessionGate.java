package clasp.router.internal;

import java.util.concurrent.atomic.AtomicInteger;

/** Admission (§3.1, D5): caps connections in handshake and handshaken network sessions. */
final class SessionGate {
    private final AtomicInteger handshaking = new AtomicInteger();
    private final AtomicInteger active = new AtomicInteger();
    private volatile int maxHandshaking;
    private volatile int maxSessions;

    SessionGate(int maxHandshaking, int maxSessions) {
        limits(maxHandshaking, maxSessions);
    }

    /** New limits apply to connections that arrive from now on; open ones stay. */
    void limits(int maxHandshaking, int maxSessions) {
        this.maxHandshaking = maxHandshaking;
        this.maxSessions = maxSessions;
    }

    /** A new connection may start its handshake. */
    boolean enter() {
        if (handshaking.incrementAndGet() > maxHandshaking) {
            handshaking.decrementAndGet();
            return false;
        }
        return true;
    }

    /** The handshake completed: true when there is room for one more session (then it counts as active). */
    boolean admit() {
        if (active.incrementAndGet() > maxSessions) {
            active.decrementAndGet();
            return false;
        }
        handshaking.decrementAndGet();
        return true;
    }

    /** A connection went: it was still in handshake, or an admitted session. */
    void leave(boolean wasHandshaking) {
        if (wasHandshaking) handshaking.decrementAndGet();
        else active.decrementAndGet();
    }

    int active() { return active.get(); }
}
