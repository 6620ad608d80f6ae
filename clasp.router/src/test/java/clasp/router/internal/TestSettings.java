package clasp.router.internal;

/** {@link RouterSettings#defaults()} with some values changed, for tests. */
final class TestSettings {
    private String name;
    private int maxSessions, maxHandshaking, helloTimeoutSeconds, sessionTimeoutSeconds, maxParams, maxSignals,
            maxSubscriptionsPerSession, rateLimitPerSecond, malformedLimit, stallTimeoutSeconds, localQueueLimit,
            gestureCoalesceIntervalMs, listenerThreads, bridgeThreads;
    private long maxQueuedBytes;
    private boolean gestureCoalescing;

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
        bridgeThreads = d.bridgeThreads();
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
    TestSettings bridgeThreads(int v) { bridgeThreads = v; return this; }

    RouterSettings build() {
        return new RouterSettings(name, maxSessions, maxHandshaking, helloTimeoutSeconds, sessionTimeoutSeconds,
                maxParams, maxSignals, maxSubscriptionsPerSession, rateLimitPerSecond, malformedLimit,
                stallTimeoutSeconds, maxQueuedBytes, localQueueLimit, gestureCoalescing, gestureCoalesceIntervalMs,
                listenerThreads, bridgeThreads);
    }
}
