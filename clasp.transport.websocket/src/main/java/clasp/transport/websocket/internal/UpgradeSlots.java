package clasp.transport.websocket.internal;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many of a listener's connections are between accept and upgrade, bounded: a storm of new connections is
 * refused beyond the bound before any HTTP or upgrade work, so it cannot crowd out established sessions on their
 * event loops. Thread-safe (any event loop).
 */
final class UpgradeSlots {
    private final int max;
    private final AtomicInteger taken = new AtomicInteger();

    UpgradeSlots(int max) {
        this.max = max;
    }

    /** Takes a slot; false when all are taken. */
    boolean tryTake() {
        int now;
        do {
            now = taken.get();
            if (now >= max) {
                return false;
            }
        } while (!taken.compareAndSet(now, now + 1));
        return true;
    }

    void give() {
        taken.decrementAndGet();
    }

    int taken() {
        return taken.get();
    }
}
