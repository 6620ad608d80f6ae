package clasp.bench.timeline;

import clasp.api.GesturePhase;
import clasp.api.SignalType;
import clasp.api.Value;
import clasp.api.message.ErrorMessage;
import clasp.api.message.PublishMessage;
import clasp.api.message.SubscribeMessage;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Timeline jitter against a running router: one client subscribes to a fresh address, then publishes a linear
 * timeline there whose value is its own position in µs ({@code 0 → D} over {@code D} µs) at {@code --rate} Hz, starting
 * 0.5 s later. Every SET that comes back tells its nominal time, so the tool needs no shared clock for the intervals:
 * the interval error of a SET is (its arrival − the previous SET's arrival) − (its nominal time − the previous one's).
 * The lateness (arrival on this host's wall clock − nominal server time) adds the loopback delivery and assumes the
 * router runs on this host. Frames the router skipped are counted.
 *
 * <pre>java -cp clasp-bench.jar clasp.bench.timeline.TimelineJitter --url ws://127.0.0.1:7330/ [--seconds 60] [--rate 60]</pre>
 */
public final class TimelineJitter {
    private TimelineJitter() { }

    public static void main(String[] args) throws Exception {
        URI url = URI.create(option(args, "--url", "ws://127.0.0.1:7330/"));
        int seconds = Integer.parseInt(option(args, "--seconds", "60"));
        int rate = Integer.parseInt(option(args, "--rate", "60"));
        long duration = seconds * 1_000_000L;
        int expected = (int) Math.ceil(duration * (double) rate / 1_000_000d) + 1;
        String address = "/bench/timeline/" + UUID.randomUUID();

        long[] arrivedNanos = new long[expected + 16];
        long[] arrivedWall = new long[expected + 16];
        long[] nominal = new long[expected + 16];
        int[] count = {0};
        CountDownLatch subscribed = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        TimelineClient.Arrivals arrivals = new TimelineClient.Arrivals() {
            @Override public void set(long nanos, long wall, String a, double value) {
                if (!a.equals(address) || count[0] == arrivedNanos.length) return;
                arrivedNanos[count[0]] = nanos;
                arrivedWall[count[0]] = wall;
                nominal[count[0]] = (long) value;
                count[0]++;
                if ((long) value == duration) done.countDown();
            }
            @Override public void pong() { subscribed.countDown(); }
            @Override public void error(ErrorMessage e) {
                System.err.println("ERROR " + e.code() + " " + e.message() + " " + e.address());
                done.countDown();
            }
        };
        try (TimelineClient client = new TimelineClient(url, arrivals)) {
            client.awaitWelcome(30);
            client.send(new SubscribeMessage(1, address, Set.of(SignalType.PARAM), null));
            client.ping();
            if (!subscribed.await(30, TimeUnit.SECONDS)) throw new IllegalStateException("no PONG after SUBSCRIBE");
            long start = WallClock.micros() + 500_000;
            Value definition = Value.of(Map.of(
                    "keyframes", Value.of(List.of(keyframe(0), keyframe(duration))),
                    "start", Value.of(start),
                    "rate", Value.of((long) rate)));
            client.send(new PublishMessage(address, SignalType.TIMELINE, definition, null, null, null, GesturePhase.START, null));
            if (!done.await(seconds + 60L, TimeUnit.SECONDS)) System.err.println("the last SET did not arrive");
            report(url, seconds, rate, expected, count[0], start, arrivedNanos, arrivedWall, nominal);
        }
    }

    private static Value keyframe(long time) {
        return Value.of(Map.of("time", Value.of(time), "value", Value.of((double) time)));
    }

    private static void report(URI url, int seconds, int rate, int expected, int n, long start, long[] nanos, long[] wall,
                               long[] nominal) {
        long[] intervalError = new long[Math.max(n - 1, 0)];
        int unordered = 0;
        for (int i = 1; i < n; i++) {
            if (nominal[i] <= nominal[i - 1]) unordered++;
            long actual = (nanos[i] - nanos[i - 1]) / 1_000;
            intervalError[i - 1] = Math.abs(actual - (nominal[i] - nominal[i - 1]));
        }
        long[] lateness = new long[n];
        for (int i = 0; i < n; i++) lateness[i] = wall[i] - (start + nominal[i]);
        System.out.printf("timeline jitter: %s, %d Hz over %d s: %d SETs received of %d expected (%d skipped by the router),"
                + " %d not after the one before%n", url, rate, seconds, n, expected, expected - n, unordered);
        System.out.println("  |interval error| µs: " + percentiles(intervalError));
        System.out.println("  lateness (arrival - nominal) µs: " + percentiles(lateness));
    }

    private static String percentiles(long[] values) {
        if (values.length == 0) return "no samples";
        long[] v = values.clone();
        Arrays.sort(v);
        return String.format("p50 %d, p99 %d, max %d (min %d, n %d)", at(v, 0.50), at(v, 0.99), v[v.length - 1], v[0], v.length);
    }

    private static long at(long[] sorted, double q) {
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
    }

    private static String option(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) if (args[i].equals(name)) return args[i + 1];
        return fallback;
    }
}
