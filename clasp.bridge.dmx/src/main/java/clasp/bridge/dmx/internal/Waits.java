package clasp.bridge.dmx.internal;

import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * Waits of a few microseconds, for the DMX break and mark-after-break: parking alone oversleeps by the timer slack
 * (about 50 µs on Linux), so the thread parks until shortly before the deadline and spins the rest. Never returns
 * before the deadline.
 */
final class Waits {
    /** Below this much time left the wait spins instead of parking. */
    static final long SPIN_NANOS = 120_000;

    private Waits() {
    }

    /** Returns once {@code clock} reads {@code deadline} or later. */
    static void until(long deadline, LongSupplier clock) {
        for (long left; (left = deadline - clock.getAsLong()) > 0; ) {
            if (left > SPIN_NANOS) LockSupport.parkNanos(left - SPIN_NANOS);
            else Thread.onSpinWait();
        }
    }
}
