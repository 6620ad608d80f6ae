package clasp.bench.load;

import clasp.api.BytesValue;
import clasp.api.QoS;
import clasp.client.ClientTls;
import clasp.client.Heartbeat;
import clasp.client.Reconnect;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A load client on the CLASP client library ({@code clasp.client}), over whatever transport the URI names: events at
 * QoS Fire carrying a {@link Probe} as a bytes value; a subscription is in place when the library says so (its PING
 * behind the SUBSCRIBE came back). Topic {@code t} is the CLASP address {@code /t}. Runs on the tool's shared event
 * loops, listeners directly on them (the probe's receive time is taken when the frame is read), no heartbeat, no
 * clock sync, no reconnect: a lost connection shows as a client no longer open. With a token (authenticated mode) it
 * presents it in HELLO.
 */
public final class ClaspClient implements PubSubClient {
    private final clasp.client.ClaspClient client;
    private final Probe.Sink sink;
    private final AtomicLong errors = new AtomicLong();
    private final CompletableFuture<Void> connected;

    ClaspClient(ClientNet net, URI uri, Probe.Sink sink) {
        this(net, uri, null, sink);
    }

    ClaspClient(ClientNet net, URI uri, ClientTls tls, Probe.Sink sink) {
        this(net, uri, tls, null, sink);
    }

    /** {@code token}: what HELLO carries, or null for none (open mode). */
    public ClaspClient(ClientNet net, URI uri, ClientTls tls, String token, Probe.Sink sink) {
        this(net, uri, tls, token, sink, Heartbeat.off());
    }

    /**
     * {@code heartbeat}: pings as a real client sends them; a client that only listens needs them, or the router
     * closes it as idle after its {@code sessionTimeoutSeconds} (5 minutes by default).
     */
    public ClaspClient(ClientNet net, URI uri, ClientTls tls, String token, Probe.Sink sink, Heartbeat heartbeat) {
        this.sink = sink;
        this.client = clasp.client.ClaspClient.builder(uri).name("clasp-bench").tls(tls).token(token)
                .eventLoopGroup(net.group()).callbackExecutor(clasp.client.ClaspClient.DIRECT)
                .heartbeat(heartbeat).clockSync(Duration.ZERO).reconnect(Reconnect.off())
                .connectTimeout(Duration.ofSeconds(30)).requestTimeout(Duration.ofSeconds(60)).build();
        client.onError(e -> {
            if (errors.getAndIncrement() == 0) System.err.println("CLASP error from router: " + e.getMessage());
        });
        connected = client.connect().thenApply(c -> null);
    }

    @Override public CompletableFuture<Void> connect() { return connected; }

    /** The name the router sent in WELCOME. */
    String routerName() { return client.routerName(); }

    @Override
    public CompletableFuture<Void> subscribe(String topic) {
        return client.subscribe("/" + topic, Set.of(), null, u -> {
            if (u.value() instanceof BytesValue b && b.length() == Probe.BYTES) {
                sink.delivered(u.receivedNanos(), longAt(b, 0), longAt(b, 8), longAt(b, 16));
            }
        }).thenApply(s -> null);
    }

    @Override
    public void publish(String topic, byte[] payload) {
        client.emit("/" + topic, BytesValue.copyOf(payload), QoS.FIRE);
    }

    /** A BUNDLE at QoS Fire holding one such event, scheduled for {@code atMicros} (router clock, µs since the epoch). */
    void publishAt(String topic, byte[] payload, long atMicros) {
        client.bundle().emit("/" + topic, BytesValue.copyOf(payload)).qos(QoS.FIRE).sendAt(atMicros);
    }

    @Override public boolean isOpen() { return client.state() == clasp.client.ConnectionState.CONNECTED; }

    @Override public long errors() { return errors.get(); }

    @Override public CompletableFuture<Void> close() { return client.closeAsync(); }

    private static long longAt(BytesValue b, int offset) {
        long v = 0;
        for (int i = 0; i < 8; i++) v = (v << 8) | (b.get(offset + i) & 0xFF);
        return v;
    }
}
