package clasp.bench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/** Opening and closing many clients. */
final class Clients {
    private Clients() { }

    /** Waits for every future, failing on the first failure or after {@code seconds}. */
    static void awaitAll(List<CompletableFuture<Void>> futures, long seconds) throws Exception {
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(seconds, TimeUnit.SECONDS);
    }

    /** Opens {@code count} clients, at most {@code concurrency} in handshake at once; all must connect. */
    static List<PubSubClient> open(Function<Integer, PubSubClient> factory, int count, int concurrency) throws Exception {
        Semaphore permits = new Semaphore(concurrency);
        LongAdder failures = new LongAdder();
        List<PubSubClient> clients = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            if (!permits.tryAcquire(60, TimeUnit.SECONDS)) throw new IllegalStateException("handshakes stalled at " + i);
            PubSubClient c = factory.apply(i);
            clients.add(c);
            c.connect().whenComplete((ok, error) -> {
                if (error != null) failures.increment();
                permits.release();
            });
        }
        if (!permits.tryAcquire(concurrency, 60, TimeUnit.SECONDS)) throw new IllegalStateException("handshakes did not finish");
        if (failures.sum() > 0) {
            closeAll(clients);
            throw new IllegalStateException(failures.sum() + " of " + count + " clients failed to connect");
        }
        return clients;
    }

    /**
     * One subscriber to {@code topic} per recorder, then a publisher, all connected and the subscriptions in place;
     * every client goes into {@code clients} as it is made (so the caller closes them, whatever fails). Returns the
     * publisher.
     */
    static PubSubClient subscribersAndPublisher(Broker broker, ClientNet net, String topic, List<DeliveryRecorder> recorders,
                                                List<PubSubClient> clients) throws Exception {
        List<PubSubClient> subscribers = new ArrayList<>();
        for (DeliveryRecorder r : recorders) {
            PubSubClient c = broker.client(net, r);
            clients.add(c);
            subscribers.add(c);
        }
        awaitAll(subscribers.stream().map(PubSubClient::connect).toList(), 60);
        awaitAll(subscribers.stream().map(c -> c.subscribe(topic)).toList(), 60);
        PubSubClient publisher = broker.client(net, Probe.Sink.NONE);
        clients.add(publisher);
        publisher.connect().get(60, TimeUnit.SECONDS);
        return publisher;
    }

    static void closeAll(List<PubSubClient> clients) {
        List<CompletableFuture<Void>> closed = new ArrayList<>();
        for (PubSubClient c : clients) closed.add(c.close());
        try {
            awaitAll(closed, 30);
        } catch (Exception e) {
            System.err.println("some clients did not close: " + e);
        }
    }

    static long countOpen(List<PubSubClient> clients) {
        return clients.stream().filter(PubSubClient::isOpen).count();
    }
}
