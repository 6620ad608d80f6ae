package clasp.router.internal.session;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** Frames and connections counted for one transport instance, updated without locks. */
public final class TrafficCounters {
    /** For connections handed to the router directly (tests), counted nowhere else. */
    public static final TrafficCounters NONE = new TrafficCounters("direct");

    public final String origin;
    public final AtomicInteger open = new AtomicInteger();
    public final LongAdder accepted = new LongAdder();
    public final LongAdder framesIn = new LongAdder();
    public final LongAdder framesOut = new LongAdder();

    /** {@code origin} names the transport in session listings, e.g. "websocket:default". */
    public TrafficCounters(String origin) { this.origin = origin; }
}
