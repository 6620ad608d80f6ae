package clasp.client;

/**
 * The client's view of the router clock from its last SYNC samples (at most 10): {@code offsetMicros} is server time
 * minus local time, taken from the sample with the smallest round trip; {@code rttMicros} the mean round trip and
 * {@code jitterMicros} its standard deviation. {@code samples} 0: only WELCOME's time is known (offset from it, round
 * trip unknown, reported as -1).
 */
public record ClockStats(long offsetMicros, long rttMicros, long jitterMicros, int samples) {
}
