package clasp.client;

import clasp.api.Feature;
import clasp.api.GesturePhase;
import clasp.api.QoS;
import clasp.api.SignalType;
import clasp.api.Value;
import clasp.api.message.AnnounceMessage;
import clasp.api.message.BundleMessage;
import clasp.api.message.PublishMessage;
import clasp.api.message.SetMessage;
import clasp.api.message.SignalDefinition;
import clasp.api.message.SubscribeOptions;
import clasp.client.internal.ClientCore;
import clasp.client.internal.Settings;
import io.netty.channel.EventLoopGroup;
import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A CLASP client. Build one with {@link #builder(URI)}, {@link #connect()}, then set, get, emit, stream, subscribe…
 * The transport follows the URI's scheme: {@code ws}/{@code wss} (WebSocket, default port 7330), {@code tcp}/{@code tcps}
 * (4-byte length prefix per frame), {@code udp} (one frame per datagram), {@code quic} (one stream, TLS 1.3).
 *
 * <p>Requests (set, get, acknowledged emit and bundle, subscribe, query, announce) return futures that complete when
 * the router's reply arrives, fail with {@link ClaspErrorException} when it refuses, with a
 * {@link java.util.concurrent.TimeoutException} after the request timeout, with {@link ConnectionLostException} when
 * the connection goes first, and with {@link NotConnectedException} when made while not connected. Fire-and-forget
 * sends (stream, gesture, emit at Fire) are dropped while not connected and return false.
 *
 * <p>Threads: see the package documentation. Every method may be called from any thread; the calls of one thread
 * reach the wire in call order.
 */
public final class ClaspClient implements AutoCloseable {
    /** Runs listeners and futures on the client's event loop: only for callbacks that never block. */
    public static final Executor DIRECT = ClientCore.DIRECT;

    private final ClientCore core;
    private final AtomicLong gestureIds = new AtomicLong();

    private ClaspClient(Settings settings) {
        this.core = new ClientCore(settings);
    }

    public static Builder builder(URI uri) { return new Builder(uri); }

    /**
     * Looks for routers on the local network for the timeout, by mDNS ({@code _clasp._tcp}, when jmdns is on the
     * class path) and by broadcast HELLO (bridges.md D.3) side by side, and returns each router once (by router id)
     * with every endpoint it was seen at, in the order first seen. Blocks for the whole timeout.
     */
    public static List<DiscoveredRouter> discover(DiscoveryOptions options) throws java.io.IOException, InterruptedException {
        return clasp.client.internal.Discoveries.discover(options);
    }

    /** {@link #discover(DiscoveryOptions)} with {@link DiscoveryOptions#defaults()} (5 s, port 7331). */
    public static List<DiscoveredRouter> discover() throws java.io.IOException, InterruptedException {
        return discover(DiscoveryOptions.defaults());
    }

    public static Builder builder(String uri) { return new Builder(URI.create(uri)); }

    /**
     * Connects: transport, HELLO, WELCOME, then every subscription already made and its snapshot. Completes once
     * the client is {@link ConnectionState#CONNECTED}; a failed first connect closes the client (no reconnect).
     */
    public CompletableFuture<ClaspClient> connect() { return core.connect().thenApply(v -> this); }

    /** {@link #connect()} and wait at most {@code timeout}. */
    public ClaspClient connect(Duration timeout) throws ExecutionException, InterruptedException, TimeoutException {
        return connect().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public ConnectionState state() { return core.state(); }

    /** Listens to every state change, in order, on the callback executor. */
    public void onStateChange(Consumer<ConnectionState> listener) { core.addStateListener(listener); }

    /** ERRORs the router sent that answer none of this client's requests (notices, late scheduled-bundle refusals). */
    public void onError(Consumer<ClaspErrorException> listener) { core.addErrorListener(listener); }

    /** The router's session id for the current connection (from WELCOME), or null. */
    public String sessionId() { return core.session(); }

    /** The router's name from WELCOME, or null. */
    public String routerName() { return core.routerName(); }

    // ---- params

    /** SET at QoS Confirm; completes with the param's new revision (ACK). Sent again (retry mark) until ACKed. */
    public CompletableFuture<Long> set(String address, Value value) { return set(address, value, QoS.CONFIRM); }

    /** SET at {@code qos}: Confirm and Commit are retried until ACKed; the router ACKs a SET at every QoS. */
    public CompletableFuture<Long> set(String address, Value value, QoS qos) {
        return core.set(new SetMessage(address, value), qos);
    }

    /** SET with a lock (the param refuses others' writes until unlocked or this session goes). */
    public CompletableFuture<Long> setLocked(String address, Value value) {
        return core.set(new SetMessage(address, value, null, true, false, null), QoS.CONFIRM);
    }

    /** SET that releases this session's lock. */
    public CompletableFuture<Long> setUnlocked(String address, Value value) {
        return core.set(new SetMessage(address, value, null, false, true, null), QoS.CONFIRM);
    }

    /** SET only if the param is at {@code expectedRevision} (else ERROR 400 RevisionConflict). */
    public CompletableFuture<Long> setIfRevision(String address, Value value, long expectedRevision) {
        return core.set(new SetMessage(address, value, expectedRevision), QoS.CONFIRM);
    }

    /**
     * The param's current value: the router's SNAPSHOT entry for exactly this address; fails with
     * {@link ParamNotFoundException} when the router holds none.
     */
    public CompletableFuture<Value> get(String address) { return core.get(address); }

    // ---- signals

    /** An event at QoS Confirm, completing on the router's ACK (retried until then). */
    public CompletableFuture<Void> emit(String address, Value payload) { return emit(address, payload, QoS.CONFIRM); }

    /** An event; at Fire the future completes once it is queued (or fails at once when not connected). */
    public CompletableFuture<Void> emit(String address, Value payload, QoS qos) {
        return core.publish(publish(address, SignalType.EVENT, payload, null, GesturePhase.START), qos);
    }

    /** A stream sample (QoS Fire, stamped with the router's time); false if dropped because not connected. */
    public boolean stream(String address, Value value) {
        return core.sendNow(clasp.api.message.Frame.of(publish(address, SignalType.STREAM, value, null, GesturePhase.START), QoS.FIRE));
    }

    /** Starts a gesture (phase start) with a new id; its moves and end go through the returned {@link Gesture}. */
    public Gesture beginGesture(String address, Value payload) {
        Gesture g = new Gesture(this, address, gestureIds.incrementAndGet());
        gesture(address, g.id(), GesturePhase.START, payload);
        return g;
    }

    /** One gesture phase (QoS Fire); false if dropped because not connected. */
    public boolean gesture(String address, long id, GesturePhase phase, Value payload) {
        return core.sendNow(clasp.api.message.Frame.of(publish(address, SignalType.GESTURE, payload, id, phase), QoS.FIRE));
    }

    private PublishMessage publish(String address, SignalType signal, Value value, Long id, GesturePhase phase) {
        return new PublishMessage(address, signal, value, null, serverTime(), id, phase, null);
    }

    /** A bundle of SETs and events applied together. */
    public BundleBuilder bundle() { return new BundleBuilder(this); }

    CompletableFuture<Long> send(BundleMessage bundle, QoS qos) { return core.bundle(bundle, qos); }

    // ---- subscriptions

    /** Every signal type at {@code pattern} ({@code *} one segment, {@code **} any number). */
    public CompletableFuture<Subscription> subscribe(String pattern, UpdateListener listener) {
        return subscribe(pattern, Set.of(), null, listener);
    }

    /**
     * Subscribes: {@code types} empty means every type; {@code options} (maxRate, epsilon, history, window) may be
     * null. Completes once the router has it and the current matching state reached the listener. The subscription
     * is made again after every reconnect, and a param the listener already saw at the same revision and value is
     * not reported again.
     */
    public CompletableFuture<Subscription> subscribe(String pattern, Set<SignalType> types, SubscribeOptions options,
                                                     UpdateListener listener) {
        Objects.requireNonNull(listener, "listener");
        return core.subscribe(pattern, types, options, listener).thenApply(sub -> new Subscription(this, sub));
    }

    public CompletableFuture<Void> unsubscribe(Subscription subscription) { return core.unsubscribe(subscription.sub); }

    // ---- signals registry

    /** The signal definitions the router holds at addresses matching {@code pattern}. */
    public CompletableFuture<List<SignalDefinition>> query(String pattern) { return core.query(pattern); }

    /** Announces signal definitions under {@code namespace}; completes on the router's ACK. */
    public CompletableFuture<Void> announce(String namespace, List<SignalDefinition> signals) {
        return core.announce(new AnnounceMessage(namespace, signals));
    }

    // ---- clock

    /** The router's clock now, in µs since the epoch, as estimated by clock sync (WELCOME's time until then). */
    public long serverTime() { return core.serverTime(); }

    public ClockStats clock() { return core.clock().stats(); }

    /** Fire-and-forget frames dropped because the client was not connected. */
    public long droppedWhileDisconnected() { return core.dropped(); }

    /**
     * Fire-and-forget frames dropped because more than 1 MiB waited to be sent on the connection (the router or the
     * network did not keep up); sending resumes below 512 KiB.
     */
    public long droppedWhileBusy() { return core.droppedBusy(); }

    // ---- closing

    /** Closes the connection (no reconnect), fails every pending request, ends the client's own threads. */
    public CompletableFuture<Void> closeAsync() { return core.close(); }

    /** {@link #closeAsync()} and wait for its threads (not when called from one of them). */
    @Override
    public void close() {
        CompletableFuture<Void> done = core.close();
        if (core.onEventLoop() || Thread.currentThread().getName().contains("-callbacks")) return;
        try {
            done.get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // the threads are daemons and end on their own
        }
    }

    /** Options for one client; every one has a default. */
    public static final class Builder {
        private final URI uri;
        private String name = "clasp-java-client";
        private String token;
        private Set<Feature> features = EnumSet.of(Feature.PARAM, Feature.EVENT, Feature.STREAM, Feature.GESTURE, Feature.TIMELINE);
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofSeconds(5);
        private Duration retryInterval = Duration.ofSeconds(1);
        private int maxInFlight = 1_000;
        private int maxWaiting = 10_000;
        private Reconnect reconnect = Reconnect.defaults();
        private Heartbeat heartbeat = Heartbeat.defaults();
        private Duration clockSync = Duration.ofSeconds(10);
        private ClientTls tls;
        private EventLoopGroup group;
        private Executor callbacks;

        private Builder(URI uri) {
            this.uri = Objects.requireNonNull(uri, "uri");
        }

        /** The name sent in HELLO (default "clasp-java-client"); also names the client's threads. */
        public Builder name(String name) { this.name = Objects.requireNonNull(name); return this; }

        /** The token sent in HELLO (none by default). */
        public Builder token(String token) { this.token = token; return this; }

        public Builder features(Set<Feature> features) { this.features = Set.copyOf(features); return this; }

        /** Transport, handshakes and WELCOME, at most (default 10 s); also bounds each reconnect attempt. */
        public Builder connectTimeout(Duration timeout) { this.connectTimeout = positive(timeout); return this; }

        /** How long a request may wait for its reply, queued time included (default 5 s). */
        public Builder requestTimeout(Duration timeout) { this.requestTimeout = positive(timeout); return this; }

        /** How often an unacknowledged Confirm/Commit write is sent again (default 1 s; 0: never). */
        public Builder retryInterval(Duration interval) {
            if (interval.isNegative()) throw new IllegalArgumentException("negative retry interval");
            this.retryInterval = interval;
            return this;
        }

        /**
         * At most {@code n} requests await replies (default 1,000); further ones wait, in order, up to
         * {@code maxWaiting} (default 10,000), beyond which a request fails at once with {@link ClientBusyException}.
         */
        public Builder maxInFlight(int n, int maxWaiting) {
            if (n < 1 || maxWaiting < 0) throw new IllegalArgumentException("maxInFlight >= 1, maxWaiting >= 0");
            this.maxInFlight = n;
            this.maxWaiting = maxWaiting;
            return this;
        }

        public Builder maxInFlight(int n) { return maxInFlight(n, maxWaiting); }

        public Builder reconnect(Reconnect reconnect) { this.reconnect = Objects.requireNonNull(reconnect); return this; }

        public Builder heartbeat(Heartbeat heartbeat) { this.heartbeat = Objects.requireNonNull(heartbeat); return this; }

        /** How often a SYNC sample is taken once connected (default 10 s, plus 5 right after connecting; 0: never). */
        public Builder clockSync(Duration interval) {
            if (interval.isNegative()) throw new IllegalArgumentException("negative clock sync interval");
            this.clockSync = interval;
            return this;
        }

        /** TLS for {@code wss}, {@code tcps} and {@code quic} (default: the JDK trust store, host name verified). */
        public Builder tls(ClientTls tls) { this.tls = tls; return this; }

        /** Runs on one loop of {@code group} (not shut down by the client) instead of a loop of its own. */
        public Builder eventLoopGroup(EventLoopGroup group) { this.group = group; return this; }

        /**
         * Where listeners and futures run (default: one thread of the client's own, ended by close). Any executor
         * works: tasks are handed to it one at a time, in order. {@link ClaspClient#DIRECT} runs them on the event loop.
         */
        public Builder callbackExecutor(Executor executor) { this.callbacks = executor; return this; }

        public ClaspClient build() {
            return new ClaspClient(new Settings(uri, name, token, features, connectTimeout, requestTimeout, retryInterval,
                    maxInFlight, maxWaiting, reconnect, heartbeat, clockSync, tls, group, callbacks));
        }

        private static Duration positive(Duration d) {
            if (d.isZero() || d.isNegative()) throw new IllegalArgumentException("must be positive: " + d);
            return d;
        }
    }
}
