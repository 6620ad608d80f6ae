package clasp.itest;

import clasp.api.QoS;
import clasp.api.Value;
import clasp.client.ClaspClient;
import clasp.client.Heartbeat;
import clasp.client.Reconnect;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A steady SET load on one connection (the CLASP client library over WebSocket): {@code rate} SETs a second, paced,
 * round-robin over {@code addresses} params under a prefix, each with a value larger than the one before; every ACK
 * is recorded with the revision the router gave and the {@link System#nanoTime} it arrived.
 */
final class SetLoad implements AutoCloseable {
    /** An ACKed SET: the value written, the revision it got, when the ACK arrived. */
    record Ack(String address, long value, long revision, long nanos) {
    }

    private final ClaspClient client;
    private final ConcurrentLinkedQueue<Ack> acks = new ConcurrentLinkedQueue<>();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final Thread pacer;
    private volatile boolean stopped;

    SetLoad(int port, String prefix, int addresses, int rate, QoS qos, long firstValue) throws Exception {
        client = ClaspClient.builder(URI.create("ws://127.0.0.1:" + port + "/")).name("set load")
                .reconnect(Reconnect.off()).heartbeat(Heartbeat.off()).clockSync(Duration.ZERO)
                .callbackExecutor(ClaspClient.DIRECT).requestTimeout(Duration.ofSeconds(30)).maxInFlight(50_000, 0)
                .build();
        client.connect().get(30, TimeUnit.SECONDS);
        long periodNanos = TimeUnit.SECONDS.toNanos(1) / rate;
        pacer = new Thread(() -> {
            long start = System.nanoTime();
            for (long i = 0; !stopped; i++) {
                long due = start + i * periodNanos;
                long wait = due - System.nanoTime();
                if (wait > 0) LockSupport.parkNanos(wait);
                String address = address(prefix, (int) (i % addresses));
                long value = firstValue + i;
                sent.incrementAndGet();
                client.set(address, Value.of(value), qos).whenComplete((revision, error) -> {
                    if (error == null) acks.add(new Ack(address, value, revision, System.nanoTime()));
                    else failures.incrementAndGet();
                });
            }
        }, "clasp-itest-set-load");
        pacer.setDaemon(true);
        pacer.start();
    }

    static String address(String prefix, int index) {
        return prefix + "/p" + index;
    }

    /** Every ACK so far, in arrival order. */
    List<Ack> acks() {
        return List.copyOf(acks);
    }

    /** SETs that got no ACK (an ERROR, or the connection went). */
    long failures() {
        return failures.get();
    }

    /** Stops sending (what is in flight may still be ACKed). */
    void stop() throws InterruptedException {
        stopped = true;
        pacer.join(10_000);
    }

    /** Stops sending and waits until every SET sent has its ACK or its failure. */
    void stopAndSettle(Duration timeout) throws InterruptedException {
        stop();
        Eventually.until("an ACK or a failure for each of the SETs sent", timeout,
                () -> acks.size() + failures.get() == sent.get());
    }

    /** The last ACK of each address (ACKs of one address arrive in revision order). */
    Map<String, Ack> latest() {
        Map<String, Ack> latest = new HashMap<>();
        for (Ack a : acks) latest.merge(a.address(), a, (x, y) -> y.revision() > x.revision() ? y : x);
        return latest;
    }

    @Override
    public void close() throws InterruptedException {
        stop();
        client.close();
    }
}
