package clasp.router.internal;

/** The router's limits and timings, taken from its configuration (see {@link RouterConfig} for meanings). */
public record RouterSettings(String name, int maxSessions, int maxHandshaking, int helloTimeoutSeconds,
                      int sessionTimeoutSeconds, int maxParams, int maxSignals, int maxSubscriptionsPerSession,
                      int rateLimitPerSecond, int malformedLimit, int stallTimeoutSeconds, long maxQueuedBytes,
                      int localQueueLimit, boolean gestureCoalescing, int gestureCoalesceIntervalMs,
                      int listenerThreads, int retryWindow, int bundleHorizonSeconds,
                      int maxScheduledBundlesPerSession, java.util.List<String> conflictStrategies, int lockLeaseSeconds,
                      int paramTtlSeconds, int gestureIdleSeconds, String profile,
                      int streamHistoryDepth, int streamHistoryAddresses, int hookBudgetMillis, int bridgeThreads,
                      int maxScheduledBundles, InputLimits input) {

    /** Settings with the default {@link InputLimits}. */
    public RouterSettings(String name, int maxSessions, int maxHandshaking, int helloTimeoutSeconds,
                          int sessionTimeoutSeconds, int maxParams, int maxSignals, int maxSubscriptionsPerSession,
                          int rateLimitPerSecond, int malformedLimit, int stallTimeoutSeconds, long maxQueuedBytes,
                          int localQueueLimit, boolean gestureCoalescing, int gestureCoalesceIntervalMs,
                          int listenerThreads, int retryWindow, int bundleHorizonSeconds,
                          int maxScheduledBundlesPerSession, java.util.List<String> conflictStrategies, int lockLeaseSeconds,
                          int paramTtlSeconds, int gestureIdleSeconds, String profile,
                          int streamHistoryDepth, int streamHistoryAddresses, int hookBudgetMillis, int bridgeThreads,
                          int maxScheduledBundles) {
        this(name, maxSessions, maxHandshaking, helloTimeoutSeconds, sessionTimeoutSeconds, maxParams, maxSignals,
                maxSubscriptionsPerSession, rateLimitPerSecond, malformedLimit, stallTimeoutSeconds, maxQueuedBytes,
                localQueueLimit, gestureCoalescing, gestureCoalesceIntervalMs, listenerThreads, retryWindow,
                bundleHorizonSeconds, maxScheduledBundlesPerSession, conflictStrategies, lockLeaseSeconds, paramTtlSeconds,
                gestureIdleSeconds, profile, streamHistoryDepth, streamHistoryAddresses, hookBudgetMillis, bridgeThreads,
                maxScheduledBundles, InputLimits.defaults());
    }

    public static RouterSettings defaults() {
        return new RouterSettings("CLASP Router", 10_000, 1_000, 10, 300, 100_000, 10_000, 1_000, 50_000, 20, 10,
                64L * 1024 * 1024, 65_536, true, 16, 4, 1_024, 3_600, 1_000,
                java.util.List.of(), 0, 0, 300, "product", 16, 4_096, 20, 4, 100_000, InputLimits.defaults());
    }

    static RouterSettings of(RouterConfig c) {
        return new RouterSettings(c.name(), c.maxSessions(), c.maxHandshaking(), c.helloTimeoutSeconds(),
                c.sessionTimeoutSeconds(), c.maxParams(), c.maxSignals(), c.maxSubscriptionsPerSession(),
                c.rateLimitPerSecond(), c.malformedLimit(), c.stallTimeoutSeconds(), c.maxQueuedBytes(),
                c.localQueueLimit(), c.gestureCoalescing(), c.gestureCoalesceIntervalMs(), c.listenerThreads(),
                c.retryWindow(), c.bundleHorizonSeconds(), c.maxScheduledBundlesPerSession(),
                java.util.List.of(c.conflictStrategies()), c.lockLeaseSeconds(), c.paramTtlSeconds(), c.gestureIdleSeconds(),
                c.profile(), c.streamHistoryDepth(), c.streamHistoryAddresses(), c.hookBudgetMillis(), c.bridgeThreads(), c.maxScheduledBundles(),
                InputLimits.of(c));
    }

    /** These settings with another stream history depth (for benchmarks that vary it). */
    public RouterSettings withStreamHistoryDepth(int depth) {
        return new RouterSettings(name, maxSessions, maxHandshaking, helloTimeoutSeconds, sessionTimeoutSeconds, maxParams,
                maxSignals, maxSubscriptionsPerSession, rateLimitPerSecond, malformedLimit, stallTimeoutSeconds,
                maxQueuedBytes, localQueueLimit, gestureCoalescing, gestureCoalesceIntervalMs, listenerThreads, retryWindow,
                bundleHorizonSeconds, maxScheduledBundlesPerSession, conflictStrategies, lockLeaseSeconds, paramTtlSeconds,
                gestureIdleSeconds, profile, depth, streamHistoryAddresses, hookBudgetMillis,
                bridgeThreads, maxScheduledBundles, input);
    }
}
