package clasp.itest;

import clasp.api.Value;
import clasp.api.message.SetMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends SETs of one address at a fixed rate over a {@link ClaspClient}, from a thread of its own. Every value is
 * unique in the test run (a counter shared by all senders), so an echo tells which SET it came from; the n-th ACK
 * the client receives answers the n-th SET sent, as the router handles a connection's frames in order.
 */
final class Sender implements AutoCloseable {
    private static final AtomicLong VALUES = new AtomicLong();

    private final ClaspClient client;
    private final String address;
    private final long periodMicros;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "itest-sender");
        t.setDaemon(true);
        return t;
    });
    private final List<Double> sent = new ArrayList<>();
    private volatile ScheduledFuture<?> task;
    private volatile Exception failure;

    Sender(ClaspClient client, String address, int perSecond) {
        this.client = client;
        this.address = address;
        this.periodMicros = 1_000_000L / perSecond;
    }

    void start() {
        task = timer.scheduleAtFixedRate(this::sendOne, 0, periodMicros, TimeUnit.MICROSECONDS);
    }

    private void sendOne() {
        if (failure != null) return;
        double value = VALUES.incrementAndGet();
        synchronized (sent) {
            sent.add(value);   // before sending: its ACK may come back before send returns
        }
        try {
            client.send(new SetMessage(address, Value.of(value)));
        } catch (Exception e) {
            failure = e;
            ScheduledFuture<?> t = task;
            if (t != null) t.cancel(false);
        }
    }

    /** Stops sending, then waits until every SET sent has its ACK (or ERROR). */
    void stop() throws InterruptedException {
        halt();
        if (failure != null) throw new AssertionError(client + " failed to send after " + sent().size() + " SETs: " + failure);
        int count = sent().size();
        // generous: on a busy machine the router may be seconds behind the sender
        Eventually.until(client + ": an ACK for each of " + count + " SETs", Duration.ofSeconds(30),
                () -> acked().size() + client.errors().size(), n -> n >= count);
        if (!client.errors().isEmpty()) throw new AssertionError(client + " got errors: " + client.errors());
    }

    /** Stops sending and returns what made it stop early (the connection closed), or null. */
    Exception halt() throws InterruptedException {
        ScheduledFuture<?> t = task;
        if (t != null) t.cancel(false);
        timer.shutdown();
        if (!timer.awaitTermination(5, TimeUnit.SECONDS)) throw new AssertionError("the sender did not stop");
        return failure;
    }

    /** The values sent so far (the last one possibly still in flight), in order. */
    List<Double> sent() {
        synchronized (sent) {
            return List.copyOf(sent);
        }
    }

    /** The revisions the router assigned so far (from the ACKs), in order. */
    List<Long> acked() {
        return client.ackedRevisions(address);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
