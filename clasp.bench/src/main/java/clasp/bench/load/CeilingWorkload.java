package clasp.bench.load;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The fan-out ceiling: one publisher sends to {@code subscribers} clients as fast as the broker delivers, with no
 * loss. It is a closed loop with a window: message i goes out only once every subscriber has received message
 * {@code i - window}, so no subscriber's backlog in the broker exceeds {@code window} messages (far below the
 * router's outbound bound, where it would start to coalesce or drop). Reported: deliveries per second over the
 * measured window, and what each delivery cost the broker.
 */
final class CeilingWorkload implements Workload {
    private static final String TOPIC = "bench/ceiling";
    private static final long WAIT_NANOS = 20_000;

    private final int subscribers;
    private final int window;
    private final int warmupSeconds;
    private final int measureSeconds;
    private final int drainSeconds;

    CeilingWorkload(int subscribers, int window, int warmupSeconds, int measureSeconds, int drainSeconds) {
        this.subscribers = subscribers;
        this.window = window;
        this.warmupSeconds = warmupSeconds;
        this.measureSeconds = measureSeconds;
        this.drainSeconds = drainSeconds;
    }

    @Override
    public String name() {
        return "ceiling (1 → " + subscribers + ", as fast as delivered, window " + window + " messages, " + warmupSeconds
                + " s warm-up, " + measureSeconds + " s measured)";
    }

    @Override
    public Result run(Broker broker, ClientNet net, Path dir) throws Exception {
        List<DeliveryRecorder> recorders = new ArrayList<>();
        List<PubSubClient> clients = new ArrayList<>();
        try {
            // throughput only: no latency histograms
            for (int i = 0; i < subscribers; i++) recorders.add(new DeliveryRecorder(Long.MAX_VALUE));
            PubSubClient publisher = Clients.subscribersAndPublisher(broker, net, TOPIC, recorders, clients);

            String loadBefore = Proc.loadAverage();
            CpuMeter cpu = new CpuMeter(broker.pid());
            long measureFrom = System.nanoTime() + TimeUnit.SECONDS.toNanos(warmupSeconds);
            long measureTo = measureFrom + TimeUnit.SECONDS.toNanos(measureSeconds);
            long sent = 0, deliveredAtStart = -1, deliveredAtEnd = -1, sentAtStart = 0, sentAtEnd = 0;
            while (deliveredAtEnd < 0) {
                long now = System.nanoTime();
                if (deliveredAtStart < 0 && now >= measureFrom) {
                    cpu.start();
                    deliveredAtStart = total(recorders);
                    sentAtStart = sent;
                } else if (deliveredAtStart >= 0 && now >= measureTo) {
                    cpu.stop();
                    deliveredAtEnd = total(recorders);
                    sentAtEnd = sent;
                    break;
                }
                if (sent - slowest(recorders) < window) {
                    publisher.publish(TOPIC, Probe.encode(sent, now, now));
                    sent++;
                } else {
                    LockSupport.parkNanos(WAIT_NANOS);
                }
            }
            long expected = sent * subscribers;
            drain(recorders, expected);
            long received = total(recorders), reordered = 0, duplicates = 0, errors = 0;
            for (DeliveryRecorder r : recorders) {
                reordered += r.reordered();
                duplicates += r.duplicates();
            }
            for (PubSubClient c : clients) errors += c.errors();
            long measured = deliveredAtEnd - deliveredAtStart;
            return new Result(name(), broker.name())
                    .put("messages published", sent, 0)
                    .put("deliveries expected", expected, 0)
                    .put("deliveries lost", expected - received, 0)
                    .put("deliveries reordered", reordered, 0)
                    .put("duplicates", duplicates, 0)
                    .put("error replies / connections closed", errors + (clients.size() - Clients.countOpen(clients)), 0)
                    .put("messages/s published (measured window)", (sentAtEnd - sentAtStart) / cpu.seconds(), 0)
                    .put("deliveries/s (measured window)", measured / cpu.seconds(), 0)
                    .put("broker CPU per delivery (µs)", measured == 0 ? Double.NaN : (double) cpu.brokerMicros() / measured, 2)
                    .put("broker CPU (% of a core)", cpu.brokerPercent(), 1)
                    .put("broker CPU in the kernel (% of it)", cpu.brokerSystemPercent(), 0)
                    .put("broker CPU in JIT compiler threads (% of it)", cpu.brokerJitPercent(), 1)
                    .put("client CPU (% of a core)", cpu.clientPercent(), 1)
                    .put("other processes' CPU, kernel threads included (% of a core)", cpu.othersPercent(), 1)
                    .note("load average before " + loadBefore + ", after " + Proc.loadAverage());
        } finally {
            Clients.closeAll(clients);
        }
    }

    /** Messages received by the subscriber that has received the fewest. */
    private static long slowest(List<DeliveryRecorder> recorders) {
        long min = Long.MAX_VALUE;
        for (DeliveryRecorder r : recorders) min = Math.min(min, r.received());
        return min;
    }

    private static long total(List<DeliveryRecorder> recorders) {
        long n = 0;
        for (DeliveryRecorder r : recorders) n += r.received();
        return n;
    }

    /** Waits until every delivery arrived, or none arrived for {@code drainSeconds}. */
    private void drain(List<DeliveryRecorder> recorders, long expected) {
        long last = -1, lastChange = System.nanoTime();
        for (long n; (n = total(recorders)) < expected; ) {
            long now = System.nanoTime();
            if (n != last) {
                last = n;
                lastChange = now;
            }
            if (now - lastChange > TimeUnit.SECONDS.toNanos(drainSeconds)) return;
            ChildProcess.sleep(5);
        }
    }
}
