package clasp.bench.soak;

import clasp.api.QoS;
import clasp.bench.load.ClaspClient;
import clasp.bench.load.ClientNet;
import clasp.bench.load.Probe;
import clasp.bench.load.PubSubClient;
import clasp.bench.load.SetStream;
import clasp.client.Heartbeat;
import clasp.client.Reconnect;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The soak run's steady mixed traffic over real sockets:
 * <ul>
 * <li>SETs at QoS Confirm from {@link SetStream}s (hand-written WebSocket), round-robin over their addresses under
 *     {@code /soak/set/s<i>}, and two watchers (CLASP client library, one WebSocket, one TCP) subscribed to
 *     {@code /soak/set/**} counting the updates they get;</li>
 * <li>PUBLISH events (QoS Fire, a {@link Probe} payload) from two publishers, one over WebSocket, one over TCP, to
 *     {@code /soak/event/<0..19>}, read by steady subscribers of {@code /soak/event/**} (alternately WebSocket and
 *     TCP) whose send-to-read latency goes into a per-minute histogram;</li>
 * <li>reconnecting clients subscribed to {@code /soak/event/0}: every few seconds the oldest closes and a new one
 *     connects and subscribes (alternately WebSocket and TCP).</li>
 * </ul>
 * The publisher's and the reconnector's schedules run on one scheduler thread of this class; deliveries arrive on
 * the client event loops; {@link #minute()} is called by the sampling thread.
 */
final class Traffic implements AutoCloseable {
    private static final long HIGHEST_NANOS = TimeUnit.SECONDS.toNanos(60);
    private static final int EVENT_TOPICS = 20;

    private final ClientNet net;
    private final URI ws;
    private final URI tcp;
    private final SoakOptions options;
    private final List<SetStream> setStreams = new ArrayList<>();
    private final List<clasp.client.ClaspClient> setWatchers = new ArrayList<>();
    private final List<PubSubClient> publishers = new ArrayList<>();
    private final List<PubSubClient> subscribers = new ArrayList<>();
    private final Deque<PubSubClient> reconnecting = new ArrayDeque<>();   // owned by the scheduler thread
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "soak-traffic");
        t.setDaemon(true);
        return t;
    });
    private final Recorder latency = new Recorder(HIGHEST_NANOS, 3);
    private final LongAdder delivered = new LongAdder();
    private final LongAdder setUpdates = new LongAdder();
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private long seq;                                      // owned by the scheduler thread
    private int reconnectCount;                            // owned by the scheduler thread
    // owned by the sampling thread: the totals at the last minute
    private long lastPublished, lastDelivered, lastSetUpdates, lastAcks, lastReconnects;
    private Histogram lastSetLatency = new Histogram(HIGHEST_NANOS, 3);

    Traffic(ClientNet net, URI ws, URI tcp, SoakOptions options) {
        this.net = net;
        this.ws = ws;
        this.tcp = tcp;
        this.options = options;
    }

    /** Connects everything, subscribes, then starts the schedules; throws when a client cannot connect. */
    void start() throws Exception {
        Probe.Sink sink = (received, seq, scheduled, sent) -> {
            latency.recordValue(Math.max(0, Math.min(HIGHEST_NANOS, received - sent)));
            delivered.increment();
        };
        for (int i = 0; i < options.subscribers(); i++) {
            // listening only: the pings keep it from being closed as idle, as a real client's do
            PubSubClient c = new ClaspClient(net, i % 2 == 0 ? ws : tcp, null, null, sink, Heartbeat.defaults());
            c.connect().get(30, TimeUnit.SECONDS);
            c.subscribe("soak/event/**").get(30, TimeUnit.SECONDS);
            subscribers.add(c);
        }
        for (URI uri : List.of(ws, tcp)) {
            clasp.client.ClaspClient watcher = clasp.client.ClaspClient.builder(uri).name("soak set watcher")
                    .reconnect(Reconnect.off()).build();
            watcher.connect(Duration.ofSeconds(30));
            watcher.subscribe("/soak/set/**", u -> setUpdates.increment()).get(30, TimeUnit.SECONDS);
            setWatchers.add(watcher);
            PubSubClient publisher = new ClaspClient(net, uri, null, null, Probe.Sink.NONE);
            publisher.connect().get(30, TimeUnit.SECONDS);
            publishers.add(publisher);
        }
        for (int i = 0; i < options.reconnectors(); i++) reconnecting.add(connectReconnector());
        int perStream = Math.max(1, options.addresses() / options.setStreams());
        for (int i = 0; i < options.setStreams(); i++) {
            SetStream s = new SetStream(ws.getPort(), "/soak/set/s" + i, perStream, Math.max(1, options.setRate() / options.setStreams()), QoS.CONFIRM);
            s.record(true);
            setStreams.add(s);
        }
        long tickMillis = 10;
        int perTick = Math.max(1, (int) Math.round(options.eventRate() * tickMillis / 1000.0));
        scheduler.scheduleAtFixedRate(() -> publish(perTick), tickMillis, tickMillis, TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(this::reconnectOne, options.reconnectSeconds(), options.reconnectSeconds(), TimeUnit.SECONDS);
    }

    private void publish(int count) {
        for (int i = 0; i < count; i++) {
            PubSubClient p = publishers.get((int) (seq % publishers.size()));
            if (!p.isOpen()) {
                errors.incrementAndGet();
                continue;
            }
            long now = System.nanoTime();
            p.publish("soak/event/" + (seq % EVENT_TOPICS), Probe.encode(seq, now, now));
            seq++;
            published.incrementAndGet();
        }
    }

    private PubSubClient connectReconnector() throws Exception {
        PubSubClient c = new ClaspClient(net, reconnectCount++ % 2 == 0 ? ws : tcp, null, null, Probe.Sink.NONE);
        try {
            c.connect().get(30, TimeUnit.SECONDS);
            c.subscribe("soak/event/0").get(30, TimeUnit.SECONDS);
            return c;
        } catch (Exception e) {
            c.close();
            throw e;
        }
    }

    /** Closes the oldest reconnecting client and connects a new one in its place. */
    private void reconnectOne() {
        try {
            PubSubClient oldest = reconnecting.poll();
            if (oldest != null) oldest.close().get(30, TimeUnit.SECONDS);
            reconnecting.add(connectReconnector());
            reconnects.incrementAndGet();
        } catch (Exception e) {
            if (errors.incrementAndGet() < 20) System.out.println("soak: a client failed to reconnect: " + e);
        }
    }

    /** One minute of traffic: what happened since the last call. Called by the sampling thread only. */
    Minute minute() {
        Histogram events = latency.getIntervalHistogram();
        Histogram setTotal = new Histogram(HIGHEST_NANOS, 3);
        long acks = 0;
        for (SetStream s : setStreams) {
            setTotal.add(s.latency());
            acks += s.acks();
        }
        Histogram setMinute = setTotal.copy();
        setMinute.subtract(lastSetLatency);
        lastSetLatency = setTotal;
        long p = published.get(), d = delivered.sum(), u = setUpdates.sum(), r = reconnects.get();
        Minute m = new Minute(ms(events, 50), ms(events, 99), p - lastPublished, d - lastDelivered, u - lastSetUpdates,
                acks - lastAcks, ms(setMinute, 99), r - lastReconnects);
        lastPublished = p;
        lastDelivered = d;
        lastSetUpdates = u;
        lastAcks = acks;
        lastReconnects = r;
        return m;
    }

    /** Errors so far: SET errors, router ERRORs to any client, publishes on a lost connection, failed reconnections. */
    long errors() {
        long e = errors.get();
        for (SetStream s : setStreams) e += s.errors();
        for (PubSubClient c : publishers) e += c.errors();
        for (PubSubClient c : subscribers) e += c.errors();
        return e;
    }

    /** Whether every steady client (SET watchers, publishers, subscribers) is still connected. */
    boolean steadyClientsOpen() {
        return publishers.stream().allMatch(PubSubClient::isOpen) && subscribers.stream().allMatch(PubSubClient::isOpen)
                && setWatchers.stream().allMatch(w -> w.state() == clasp.client.ConnectionState.CONNECTED);
    }

    private static double ms(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(percentile) / 1e6;
    }

    /** The traffic of one minute; latencies NaN when nothing was measured. */
    record Minute(double p50Ms, double p99Ms, long published, long delivered, long setUpdates, long setAcks,
                  double setP99Ms, long reconnects) { }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (SetStream s : setStreams) {
            try {
                s.close();
            } catch (Exception ignored) {
                // closing at the end: nothing left to do with it
            }
        }
        List<PubSubClient> all = new ArrayList<>(publishers);
        all.addAll(subscribers);
        all.addAll(reconnecting);
        for (PubSubClient c : all) c.close().exceptionally(e -> null).join();
        for (clasp.client.ClaspClient w : setWatchers) w.close();
    }
}
