package clasp.api.router;

/**
 * Router counters at one moment.
 *
 * @param framesInPerSecond  frames received per second over the last full second
 * @param framesOutPerSecond frames delivered per second over the last full second
 */
public record RouterStats(long startedAtMicros, int sessions, int params, long framesIn, long framesOut,
                          long deliveriesDropped, long framesInPerSecond, long framesOutPerSecond) {
}
