package clasp.api.router;

/** Router counters at one moment. */
public record RouterStats(long startedAtMicros, int sessions, int params, long framesIn, long framesOut,
                          long deliveriesDropped) {
}
