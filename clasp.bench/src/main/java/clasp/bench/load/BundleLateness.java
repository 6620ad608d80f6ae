package clasp.bench.load;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Scheduling lateness of scheduled bundles against a real router over WebSocket: one client sends BUNDLEs each
 * holding one event, timestamped {@code --ahead-ms} ahead, at spread times ({@code --rate} per second with random
 * jitter within each slot); a second client subscribed to them records, for each, its arrival time minus the
 * bundle's timestamp (both the system clock in µs, router and tool on one machine). That lateness includes the
 * delivery over loopback, so it bounds the router's own scheduling lateness from above. The first
 * {@code --warmup} bundles are not counted. Prints p50, p99, p99.9 and max in µs, and how many arrived early (there
 * must be none). With {@code --immediate}, the same clients send plain PUBLISHes at the same times instead and the
 * figure is arrival minus send time: the delivery latency alone, to compare with under the same machine load.
 *
 * <pre>java -cp clasp.bench/target/clasp-bench.jar clasp.bench.load.BundleLateness [--bundles 10000] [--warmup 2000]
 *     [--rate 500] [--ahead-ms 1000] [--immediate] [--jar clasp.runtime/target/clasp.jar | --clasp-url ws://127.0.0.1:7330/]</pre>
 */
public final class BundleLateness {
    private BundleLateness() { }

    public static void main(String[] args) throws Exception {
        int bundles = intArg(args, "--bundles", 10_000);
        int warmup = intArg(args, "--warmup", 2_000);
        int rate = intArg(args, "--rate", 500);
        int aheadMs = intArg(args, "--ahead-ms", 1_000);
        String url = arg(args, "--clasp-url", null);
        Path jar = Path.of(arg(args, "--jar", "clasp.runtime/target/clasp.jar"));
        boolean immediate = List.of(args).contains("--immediate");
        int total = warmup + bundles;

        long[] lateness = new long[total];
        AtomicInteger arrived = new AtomicInteger();
        CountDownLatch all = new CountDownLatch(total);
        try (ClientNet net = new ClientNet(2)) {
            Broker started = null;
            URI uri;
            if (url != null) {
                uri = URI.create(url);
            } else {
                Path dir = Files.createTempDirectory("clasp-lateness");
                started = ClaspRuntimeBroker.start(jar, List.of(), 100, 0, dir, net);
                uri = ((ClaspRuntimeBroker) started).uri();
            }
            try {
                ClaspClient receiver = new ClaspClient(net, uri, (receivedNanos, seq, scheduledMicros, unused) -> {
                    lateness[(int) seq] = wallMicros() - scheduledMicros;
                    arrived.incrementAndGet();
                    all.countDown();
                });
                ClaspClient sender = new ClaspClient(net, uri, Probe.Sink.NONE);
                receiver.connect().get(30, TimeUnit.SECONDS);
                sender.connect().get(30, TimeUnit.SECONDS);
                receiver.subscribe("lateness").get(30, TimeUnit.SECONDS);

                SplittableRandom random = new SplittableRandom(17);
                long slot = 1_000_000L / rate;
                long first = wallMicros() + aheadMs * 1_000L;
                long startNanos = System.nanoTime() + (immediate ? aheadMs * 1_000_000L : 0);
                for (int i = 0; i < total; i++) {
                    long at = first + i * slot + random.nextLong(slot);
                    // Send each one --ahead-ms before its time (pending bundles stay far below the per-session cap).
                    long sendAtNanos = startNanos + i * slot * 1_000L;
                    long wait = sendAtNanos - System.nanoTime();
                    if (wait > 0) LockSupport.parkNanos(wait);
                    if (immediate) {
                        sender.publish("lateness", Probe.encode(i, wallMicros(), 0));
                    } else {
                        sender.publishAt("lateness", Probe.encode(i, at, 0), at);
                    }
                }
                if (!all.await(aheadMs + 60_000L, TimeUnit.MILLISECONDS)) {
                    System.out.println("only " + arrived.get() + " of " + total + " arrived");
                }
                sender.close().join();
                receiver.close().join();
            } finally {
                if (started != null) started.close();
            }
        }
        long[] measured = Arrays.copyOfRange(lateness, warmup, total);
        Arrays.sort(measured);
        long early = Arrays.stream(measured).filter(l -> l < 0).count();
        System.out.printf(immediate ? "publishes %d (after %d warm-up), %d/s, sent at once%n"
                : "bundles %d (after %d warm-up), %d/s, sent %d ms ahead%n", bundles, warmup, rate, aheadMs);
        System.out.printf((immediate ? "latency µs (arrival at the subscriber - send time)" : "lateness µs (arrival at the subscriber - bundle timestamp)") + ": p50 %d  p99 %d  p99.9 %d  max %d  min %d  early %d%n",
                at(measured, 0.50), at(measured, 0.99), at(measured, 0.999), measured[measured.length - 1], measured[0], early);
    }

    private static long at(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }

    /** The system clock in µs since the epoch, as the router's clock reads it. */
    static long wallMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    private static String arg(String[] args, String name, String otherwise) {
        for (int i = 0; i + 1 < args.length; i++) if (args[i].equals(name)) return args[i + 1];
        return otherwise;
    }

    private static int intArg(String[] args, String name, int otherwise) {
        String v = arg(args, name, null);
        return v == null ? otherwise : Integer.parseInt(v);
    }
}
