package clasp.bench.load;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * One publisher sending at a fixed open-loop rate to one topic that {@code subscribers} clients subscribe to:
 * "latency" (1 subscriber, 10,000 msg/s) and "fanout" (100 subscribers, 1,000 msg/s). Messages of the warm-up
 * count for loss and order but not for latency or CPU; the CPU window runs from the first measured send until
 * every delivery arrived, or none arrived for the drain time: only then are the missing ones counted lost.
 */
final class PubSubWorkload implements Workload {
    private static final String TOPIC = "bench/load";
    private static final long MAX_DRAIN_SECONDS = 120;

    private final String name;
    private final int subscribers;
    private final int rate;
    private final int warmupSeconds;
    private final int measureSeconds;
    private final int drainSeconds;

    PubSubWorkload(String name, int subscribers, int rate, int warmupSeconds, int measureSeconds, int drainSeconds) {
        this.name = name;
        this.subscribers = subscribers;
        this.rate = rate;
        this.warmupSeconds = warmupSeconds;
        this.measureSeconds = measureSeconds;
        this.drainSeconds = drainSeconds;
    }

    @Override
    public String name() {
        return name + " (1 → " + subscribers + ", " + String.format("%,d", rate) + " msg/s, " + warmupSeconds + " s warm-up, "
                + measureSeconds + " s measured)";
    }

    @Override
    public Result run(Broker broker, ClientNet net, Path dir) throws Exception {
        long firstMeasured = (long) rate * warmupSeconds;
        long count = firstMeasured + (long) rate * measureSeconds;
        List<DeliveryRecorder> recorders = new ArrayList<>();
        List<PubSubClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < subscribers; i++) recorders.add(new DeliveryRecorder(firstMeasured));
            PubSubClient publisher = Clients.subscribersAndPublisher(broker, net, TOPIC, recorders, clients);

            String loadBefore = Proc.loadAverage();
            CpuMeter cpu = new CpuMeter(broker.pid());
            OpenLoopPublisher p = new OpenLoopPublisher(publisher, TOPIC, rate);
            p.run(count, firstMeasured, cpu::start);
            long expected = count * subscribers;
            drain(recorders, expected);
            cpu.stop();
            long openAtEnd = Clients.countOpen(clients);
            return result(broker, dir, recorders, clients, p, cpu, count, expected, openAtEnd)
                    .note("load average before " + loadBefore + ", after " + Proc.loadAverage());
        } finally {
            Clients.closeAll(clients);
        }
    }

    private Result result(Broker broker, Path dir, List<DeliveryRecorder> recorders, List<PubSubClient> clients,
                          OpenLoopPublisher p, CpuMeter cpu, long count, long expected, long openAtEnd) throws IOException {
        Histogram scheduled = new Histogram(DeliveryRecorder.HIGHEST_NANOS, 3);
        Histogram sent = new Histogram(DeliveryRecorder.HIGHEST_NANOS, 3);
        long received = 0, measured = 0, reordered = 0, duplicates = 0, errors = 0;
        for (DeliveryRecorder r : recorders) {
            r.addTo(scheduled, sent);
            received += r.received();
            measured += r.measured();
            reordered += r.reordered();
            duplicates += r.duplicates();
        }
        for (PubSubClient c : clients) errors += c.errors();
        write(dir.resolve("latency-from-scheduled.hgrm"), scheduled);
        write(dir.resolve("latency-from-sent.hgrm"), sent);
        double perDelivery = measured == 0 ? Double.NaN : 1.0 / measured;
        return new Result(name(), broker.name())
                .put("messages published", count, 0)
                .put("deliveries expected", expected, 0)
                .put("deliveries lost", expected - received, 0)
                .put("deliveries reordered", reordered, 0)
                .put("duplicates", duplicates, 0)
                .put("error replies / connections closed", errors + (clients.size() - openAtEnd), 0)
                .put("deliveries/s (measured window)", measured / cpu.seconds(), 0)
                .latencies("latency from scheduled send", scheduled)
                .latencies("latency from actual send", sent)
                .put("publisher send lateness p99 (µs)", p.lateness().getValueAtPercentile(99) / 1e3, 1)
                .put("broker CPU per delivery (µs)", cpu.brokerMicros() * perDelivery, 2)
                .put("broker CPU (% of a core)", cpu.brokerPercent(), 1)
                .put("broker CPU in the kernel (% of it)", cpu.brokerSystemPercent(), 0)
                .put("broker CPU in JIT compiler threads (% of it)", cpu.brokerJitPercent(), 1)
                .put("broker CPU per delivery, JIT compilation left out (µs)", cpu.brokerMicrosWithoutJit() * perDelivery, 2)
                .put("client CPU per delivery (µs)", cpu.clientMicros() * perDelivery, 2)
                .put("client CPU (% of a core)", cpu.clientPercent(), 1)
                .put("other processes' CPU, kernel threads included (% of a core)", cpu.othersPercent(), 1);
    }

    /** Waits until every delivery arrived, or none arrived for {@code drainSeconds}, or {@link #MAX_DRAIN_SECONDS}. */
    private void drain(List<DeliveryRecorder> recorders, long expected) {
        long start = System.nanoTime(), lastChange = start, last = -1, now = start;
        for (long n; (n = received(recorders)) < expected; now = System.nanoTime()) {
            if (n != last) {
                last = n;
                lastChange = now;
            }
            if (now - lastChange > drainSeconds * 1_000_000_000L || now - start > MAX_DRAIN_SECONDS * 1_000_000_000L) return;
            ChildProcess.sleep(5);
        }
    }

    private static long received(List<DeliveryRecorder> recorders) {
        long n = 0;
        for (DeliveryRecorder r : recorders) n += r.received();
        return n;
    }

    private static void write(Path file, Histogram h) throws IOException {
        try (PrintStream out = new PrintStream(Files.newOutputStream(file), true, "UTF-8")) {
            h.outputPercentileDistribution(out, 1000.0);   // in µs
        }
    }
}
