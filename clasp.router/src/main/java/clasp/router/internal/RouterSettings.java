package clasp.router.internal;

/** The router's limits and timings, taken from its configuration (see {@link RouterConfig} for meanings). */
public record RouterSettings(String name, int maxSessions, int maxHandshaking, int helloTimeoutSeconds,
                      int sessionTimeoutSeconds, int maxParams, int maxSignals, int maxSubscriptionsPerSession,
                      int rateLimitPerSecond, int malformedLimit, int stallTimeoutSeconds, long maxQueuedBytes,
                      int localQueueLimit, boolean gestureCoalescing, int gestureCoalesceIntervalMs,
                      int listenerThreads, int bridgeThreads) {

    public static RouterSettings defaults() {
        return new RouterSettings("CLASP Router", 10_000, 1_000, 10, 300, 100_000, 10_000, 1_000, 50_000, 20, 10,
                64L * 1024 * 1024, 65_536, true, 16, 4, 4);
    }

    static RouterSettings of(RouterConfig c) {
        return new RouterSettings(c.name(), c.maxSessions(), c.maxHandshaking(), c.helloTimeoutSeconds(),
                c.sessionTimeoutSeconds(), c.maxParams(), c.maxSignals(), c.maxSubscriptionsPerSession(),
                c.rateLimitPerSecond(), c.malformedLimit(), c.stallTimeoutSeconds(), c.maxQueuedBytes(),
                c.localQueueLimit(), c.gestureCoalescing(), c.gestureCoalesceIntervalMs(), c.listenerThreads(),
                c.bridgeThreads());
    }
}
