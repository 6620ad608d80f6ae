package clasp.api.router;

/**
 * Router counters at one moment.
 *
 * @param framesInPerSecond  frames received per second over the last full second
 * @param framesOutPerSecond frames delivered per second over the last full second
 * @param refusals           how many times each kind of refusal or overload happened since the router started,
 *                           by kind (e.g. "handshake-limit", "session-limit", "hello-timeout", "malformed",
 *                           "rate-limited", "slow-consumer"); kinds that never happened may be absent
 */
public record RouterStats(long startedAtMicros, int sessions, int params, long framesIn, long framesOut,
                          long deliveriesDropped, long framesInPerSecond, long framesOutPerSecond,
                          java.util.Map<String, Long> refusals) {
    public RouterStats {
        refusals = java.util.Map.copyOf(refusals);
    }

    /** Counters without refusal counts. */
    public RouterStats(long startedAtMicros, int sessions, int params, long framesIn, long framesOut,
                       long deliveriesDropped, long framesInPerSecond, long framesOutPerSecond) {
        this(startedAtMicros, sessions, params, framesIn, framesOut, deliveriesDropped, framesInPerSecond,
                framesOutPerSecond, java.util.Map.of());
    }
}
