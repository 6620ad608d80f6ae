package clasp.router.internal;

/** {@link RouterSettings#defaults()} with some values changed, for tests. */
final class TestSettings {
    private String name;
    private int maxSessions, maxHandshaking, helloTimeoutSeconds, sessionTimeoutSeconds, maxParams, maxSignals,
            maxSubscriptionsPerSession, rateLimitPerSecond, malformedLimit, stallTimeoutSeconds, localQueueLimit,
            gestureCoalesceIntervalMs, listenerThreads, retryWindow, bundleHorizonSeconds, maxScheduledBundlesPerSession,
            streamHistoryDepth, streamHistoryAddresses, hookBudgetMillis, bridgeThreads, maxScheduledBundles;
    private long maxQueuedBytes;
    private boolean gestureCoalescing;
    private java.util.List<String> conflictStrategies;
    private int lockLeaseSeconds, paramTtlSeconds, gestureIdleSeconds;
    private String profile;
    private InputLimits input;

    private TestSettings(RouterSettings d) {
        name = d.name();
        maxSessions = d.maxSessions();
        maxHandshaking = d.maxHandshaking();
        helloTimeoutSeconds = d.helloTimeoutSeconds();
        sessionTimeoutSeconds = d.sessionTimeoutSeconds();
        maxParams = d.maxParams();
        maxSignals = d.maxSignals();
        maxSubscriptionsPerSession = d.maxSubscriptionsPerSession();
        rateLimitPerSecond = d.rateLimitPerSecond();
        malformedLimit = d.malformedLimit();
        stallTimeoutSeconds = d.stallTimeoutSeconds();
        maxQueuedBytes = d.maxQueuedBytes();
        localQueueLimit = d.localQueueLimit();
        gestureCoalescing = d.gestureCoalescing();
        gestureCoalesceIntervalMs = d.gestureCoalesceIntervalMs();
        listenerThreads = d.listenerThreads();
        retryWindow = d.retryWindow();
        bundleHorizonSeconds = d.bundleHorizonSeconds();
        maxScheduledBundlesPerSession = d.maxScheduledBundlesPerSession();
        maxScheduledBundles = d.maxScheduledBundles();
        conflictStrategies = d.conflictStrategies();
        lockLeaseSeconds = d.lockLeaseSeconds();
        paramTtlSeconds = d.paramTtlSeconds();
        gestureIdleSeconds = d.gestureIdleSeconds();
        profile = d.profile();
        streamHistoryDepth = d.streamHistoryDepth();
        streamHistoryAddresses = d.streamHistoryAddresses();
        hookBudgetMillis = d.hookBudgetMillis();
        bridgeThreads = d.bridgeThreads();
        input = d.input();
    }

    static TestSettings defaults() { return new TestSettings(RouterSettings.defaults()); }

    TestSettings maxSessions(int v) { maxSessions = v; return this; }
    TestSettings maxHandshaking(int v) { maxHandshaking = v; return this; }
    TestSettings helloTimeoutSeconds(int v) { helloTimeoutSeconds = v; return this; }
    TestSettings sessionTimeoutSeconds(int v) { sessionTimeoutSeconds = v; return this; }
    TestSettings maxParams(int v) { maxParams = v; return this; }
    TestSettings maxSignals(int v) { maxSignals = v; return this; }
    TestSettings maxSubscriptionsPerSession(int v) { maxSubscriptionsPerSession = v; return this; }
    TestSettings rateLimitPerSecond(int v) { rateLimitPerSecond = v; return this; }
    TestSettings malformedLimit(int v) { malformedLimit = v; return this; }
    TestSettings stallTimeoutSeconds(int v) { stallTimeoutSeconds = v; return this; }
    TestSettings maxQueuedBytes(long v) { maxQueuedBytes = v; return this; }
    TestSettings gestureCoalescing(boolean v) { gestureCoalescing = v; return this; }
    TestSettings gestureCoalesceIntervalMs(int v) { gestureCoalesceIntervalMs = v; return this; }
    TestSettings listenerThreads(int v) { listenerThreads = v; return this; }
    TestSettings localQueueLimit(int v) { localQueueLimit = v; return this; }
    TestSettings retryWindow(int v) { retryWindow = v; return this; }
    TestSettings bundleHorizonSeconds(int v) { bundleHorizonSeconds = v; return this; }
    TestSettings maxScheduledBundlesPerSession(int v) { maxScheduledBundlesPerSession = v; return this; }
    TestSettings maxScheduledBundles(int v) { maxScheduledBundles = v; return this; }
    TestSettings conflictStrategies(String... v) { conflictStrategies = java.util.List.of(v); return this; }
    TestSettings lockLeaseSeconds(int v) { lockLeaseSeconds = v; return this; }
    TestSettings paramTtlSeconds(int v) { paramTtlSeconds = v; return this; }
    TestSettings gestureIdleSeconds(int v) { gestureIdleSeconds = v; return this; }
    TestSettings streamHistoryDepth(int v) { streamHistoryDepth = v; return this; }
    TestSettings streamHistoryAddresses(int v) { streamHistoryAddresses = v; return this; }
    TestSettings hookBudgetMillis(int v) { hookBudgetMillis = v; return this; }
    TestSettings bridgeThreads(int v) { bridgeThreads = v; return this; }
    TestSettings input(InputLimits v) { input = v; return this; }
    TestSettings maxPendingRequestsPerSession(int v) {
        input = new InputLimits(input.maxNestingDepth(), input.maxArrayLength(), input.maxMapSize(), input.maxStringBytes(),
                input.maxBytesLength(), input.maxAddressBytes(), input.maxAddressSegments(), v,
                input.addressRateLimitPerSecond(), input.localAddressRateLimitPerSecond());
        return this;
    }

    RouterSettings build() {
        return new RouterSettings(name, maxSessions, maxHandshaking, helloTimeoutSeconds, sessionTimeoutSeconds,
                maxParams, maxSignals, maxSubscriptionsPerSession, rateLimitPerSecond, malformedLimit,
                stallTimeoutSeconds, maxQueuedBytes, localQueueLimit, gestureCoalescing, gestureCoalesceIntervalMs,
                listenerThreads, retryWindow, bundleHorizonSeconds, maxScheduledBundlesPerSession,
                conflictStrategies, lockLeaseSeconds, paramTtlSeconds, gestureIdleSeconds, profile,
                streamHistoryDepth, streamHistoryAddresses, hookBudgetMillis, bridgeThreads, maxScheduledBundles, input);
    }
}
