package clasp.bridge.dmx.internal;

import java.util.concurrent.atomic.LongAdder;

/** What the bridge counts for its status line, with the last reason of each kind of loss. Any thread. */
final class Counters {
    final LongAdder framesOut = new LongAdder();
    final LongAdder framesIn = new LongAdder();
    final LongAdder written = new LongAdder();
    private final LongAdder malformed = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private volatile String lastMalformed;
    private volatile String lastDropped;

    /** Bytes from the device that break its framing. */
    void malformed(String why) {
        malformed.increment();
        lastMalformed = why;
    }

    /** Something well-formed that could not be used (a SET that is no slot, a refused write, a receive error). */
    void dropped(String why) {
        dropped.increment();
        lastDropped = why;
    }

    /** {@code "out 12 frames[, in 3 frames, 40 written][, malformed 1 (last: …)][, dropped 2 (last: …)]"}. */
    String line(boolean withInput) {
        StringBuilder s = new StringBuilder("out ").append(framesOut.sum()).append(" frames");
        if (withInput) s.append(", in ").append(framesIn.sum()).append(" frames, ").append(written.sum()).append(" written");
        long bad = malformed.sum();
        if (bad > 0) s.append(", malformed ").append(bad).append(" (last: ").append(lastMalformed).append(')');
        long lost = dropped.sum();
        if (lost > 0) s.append(", dropped ").append(lost).append(" (last: ").append(lastDropped).append(')');
        return s.toString();
    }
}
