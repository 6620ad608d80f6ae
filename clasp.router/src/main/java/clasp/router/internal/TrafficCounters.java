package clasp.router.internal;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** Frames and connections counted for one transport instance, updated without locks. */
final class TrafficCounters {
    /** For connections handed to the router directly (tests), counted nowhere else. */
    static final TrafficCounters NONE = new TrafficCounters("direct");

    final String origin;
    final AtomicInteger open = new AtomicInteger();
    final LongAdder accepted = new LongAdder();
    final LongAdder framesIn = new LongAdder();
    final LongAdder framesOut = new LongAdder();

    /** {@code origin} names the transport in session listings, e.g. "websocket:default". */
    TrafficCounters(String origin) { this.origin = origin; }
}
