package clasp.client.internal;

import clasp.api.Address;
import clasp.api.QoS;
import clasp.api.SignalType;
import clasp.api.message.AckMessage;
import clasp.api.message.BundleMessage;
import clasp.api.message.ErrorMessage;
import clasp.api.message.Frame;
import clasp.api.message.HelloMessage;
import clasp.api.message.Message;
import clasp.api.message.ParamEntry;
import clasp.api.message.PingMessage;
import clasp.api.message.PongMessage;
import clasp.api.message.PublishMessage;
import clasp.api.message.ResultMessage;
import clasp.api.message.SetMessage;
import clasp.api.message.SnapshotMessage;
import clasp.api.message.SubscribeOptions;
import clasp.api.message.SyncMessage;
import clasp.api.message.UnsubscribeMessage;
import clasp.api.message.WelcomeMessage;
import clasp.client.ClaspErrorException;
import clasp.client.ConnectionLostException;
import clasp.client.ConnectionState;
import clasp.client.NotConnectedException;
import clasp.client.UpdateListener;
import clasp.protocol.ClaspCodec;
import clasp.protocol.DecodeException;
import clasp.protocol.EncodeException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.Future;
import java.net.ConnectException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One client's protocol engine: connecting, the handshake and resync, reconnecting, sending, and reading what
 * arrives ({@link Requests} matches replies, {@link Delivery} feeds listeners, {@link Liveness} runs the heartbeat and
 * clock sync). Threads: every field not marked otherwise is owned by {@link #loop}, the one event
 * loop the client's links run on; public methods post their work there (so calls from one thread keep their order on
 * the wire). Futures and listeners complete on {@link #callbacks}, a serial executor, in the order the loop saw the
 * events. {@link #state}, {@link #session} and {@link #routerName} are volatile for readers on any thread.
 */
public final class ClientCore implements Request.Completer {
    private static final ClaspCodec CODEC = ClaspCodec.defaults();

    private final Settings settings;
    private final Connector connector;
    private final EventLoopGroup ownGroup;
    private final ExecutorService ownCallbacks;
    private final EventLoop loop;
    private final Executor callbacks;
    private final Subscriptions subs = new Subscriptions();
    private final Requests requests;
    private final ClockSync clock = new ClockSync();
    private final CompletableFuture<Void> connected = new CompletableFuture<>();
    private final CompletableFuture<Void> terminated = new CompletableFuture<>();
    private final List<Consumer<ConnectionState>> stateListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<ClaspErrorException>> errorListeners = new CopyOnWriteArrayList<>();
    private final Liveness liveness;
    private final Delivery delivery;
    private final List<Pending> pendingSubs = new ArrayList<>();
    private final AtomicLong retryIds = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong droppedBusy = new AtomicLong();
    private final AtomicLong undecodable = new AtomicLong();
    private volatile ConnectionState state = ConnectionState.NEW;
    private volatile String session;
    private volatile String routerName;
    private Attempt attempt;
    private int failures;
    private boolean everConnected;
    private Future<?> handshakeDeadline;
    private Future<?> reconnectTask;

    /** A subscription made while not connected: its future completes when the next connection has it in place. */
    private record Pending(Sub sub, CompletableFuture<Sub> future) { }

    public ClientCore(Settings settings) {
        this.settings = settings;
        this.connector = Connectors.forUri(settings.uri(), settings.tls());
        String threads = "clasp-client-" + settings.name().replaceAll("[^A-Za-z0-9_.-]", "_");
        if (settings.sharedGroup() != null) {
            ownGroup = null;
            loop = settings.sharedGroup().next();
        } else {
            ownGroup = new MultiThreadIoEventLoopGroup(1, new NamedThreads(threads + "-io"),
                    NioIoHandler.newFactory());
            loop = ownGroup.next();
        }
        if (settings.callbackExecutor() != null) {
            ownCallbacks = null;
            callbacks = settings.callbackExecutor() == DIRECT ? DIRECT : new SerialExecutor(settings.callbackExecutor());
        } else {
            ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 5, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                    new NamedThreads(threads + "-callbacks"));
            pool.allowCoreThreadTimeOut(true);
            ownCallbacks = pool;
            callbacks = new SerialExecutor(pool);   // one thread is serial already; this also logs what a listener throws
        }
        requests = new Requests(loop, this, new Requests.Wire() {
            @Override public void write(Frame frame) throws EncodeException { writeOrThrow(frame); }

            @Override public void ping() { ClientCore.this.write(Frame.of(PingMessage.INSTANCE, QoS.FIRE)); }
        }, settings.maxInFlight(), settings.maxWaiting(), settings.requestTimeout(), settings.retryInterval());
        liveness = new Liveness(loop, settings.heartbeat(), settings.clockSyncInterval(), clock);
        delivery = new Delivery(subs, this::post);
    }

    /** Runs callbacks on the event loop itself: for listeners that never block (measuring tools). */
    public static final Executor DIRECT = Runnable::run;

    // ---- state, read anywhere

    public ConnectionState state() { return state; }

    public String session() { return session; }

    public String routerName() { return routerName; }

    public long serverTime() { return LocalClock.micros() + clock.offset(); }

    public ClockSync clock() { return clock; }

    public long dropped() { return dropped.get(); }

    public long droppedBusy() { return droppedBusy.get(); }

    public long undecodable() { return undecodable.get(); }

    public void addStateListener(Consumer<ConnectionState> listener) { stateListeners.add(listener); }

    public void addErrorListener(Consumer<ClaspErrorException> listener) { errorListeners.add(listener); }

    public long nextRetryId() { return retryIds.incrementAndGet(); }

    // ---- connecting

    public CompletableFuture<Void> connect() {
        onLoop(() -> {
            if (state != ConnectionState.NEW) return;
            setState(ConnectionState.CONNECTING);
            startAttempt();
        }, () -> connected.completeExceptionally(new NotConnectedException(ConnectionState.CLOSED)));
        return connected;
    }

    private void startAttempt() {
        reconnectTask = null;
        Attempt a = new Attempt();
        attempt = a;
        handshakeDeadline = loop.schedule(() -> {
            if (attempt == a) lost(a, "no WELCOME within " + settings.connectTimeout().toMillis() + " ms");
        }, settings.connectTimeout().toNanos(), TimeUnit.NANOSECONDS);
        CompletableFuture<Link> opening;
        try {
            opening = connector.open(settings.uri(), loop, settings.connectTimeout(), a);
        } catch (RuntimeException e) {
            lost(a, e.toString());
            return;
        }
        opening.whenComplete((link, error) -> onLoop(() -> {
            if (attempt != a) {
                if (link != null) link.close();
                return;
            }
            if (error != null) {
                lost(a, error.getMessage() == null ? error.toString() : error.getMessage());
                return;
            }
            a.link = link;
            liveness.heard(System.nanoTime());
            write(Frame.of(new HelloMessage(1, settings.features(), settings.name(), settings.token()), QoS.FIRE));
        }, () -> { if (link != null) link.close(); }));
    }

    /** One connection attempt; its link's events count only while it is the current attempt. */
    private final class Attempt implements Inbound {
        Link link;
        boolean welcomed;

        @Override public void frame(ByteBuf frame) { if (attempt == this) received(frame); }

        @Override public void closed(String reason) { if (attempt == this) lost(this, reason); }
    }

    private void welcomed(WelcomeMessage w) {
        Attempt a = attempt;
        if (a == null || a.welcomed) return;
        a.welcomed = true;
        session = w.session();
        routerName = w.name();
        clock.welcome(w.time(), LocalClock.micros());
        // Every subscription again, then a PING: its PONG comes after every snapshot they caused.
        for (Sub s : subs.all()) write(Frame.of(s.message(), QoS.FIRE));
        requests.fence(() -> { if (attempt == a) resynced(); });
    }

    private void resynced() {
        handshakeDeadline.cancel(false);
        failures = 0;
        everConnected = true;
        setState(ConnectionState.CONNECTED);
        for (Pending p : pendingSubs) post(() -> p.future.complete(p.sub));
        pendingSubs.clear();
        post(() -> connected.complete(null));
        Attempt a = attempt;
        liveness.start(new Liveness.Peer() {
            @Override public void ping() { requests.fence(() -> { }); }

            @Override public void sync(long t1) { write(Frame.of(new SyncMessage(t1, null, null), QoS.FIRE)); }

            @Override public void dead(String reason) { lost(a, reason); }
        });
    }

    /** The current attempt's link is gone or dead: fail what waited on it, then reconnect or close. */
    private void lost(Attempt a, String reason) {
        if (attempt != a) return;
        attempt = null;
        if (a.link != null) a.link.close();
        cancelTimers();
        requests.failAll(new ConnectionLostException(reason), this::keepSubscription);
        if (state == ConnectionState.CLOSED) return;
        if (!everConnected) {
            setState(ConnectionState.CLOSED);   // before the caller hears of the failure: state() is CLOSED by then
            post(() -> connected.completeExceptionally(new ConnectException(settings.uri() + ": " + reason)));
            terminate(new ConnectionLostException("first connect failed: " + reason));
            return;
        }
        if (state == ConnectionState.RECONNECTING) failures++;
        var policy = settings.reconnect();
        if (!policy.enabled() || (policy.maxAttempts() > 0 && failures >= policy.maxAttempts())) {
            terminate(new ConnectionLostException(reason));
            Log.warn("clasp.client {0}: connection lost ({1}); not reconnecting", settings.name(), reason);
            return;
        }
        setState(ConnectionState.RECONNECTING);
        long delay = policy.delay(failures, ThreadLocalRandom.current().nextDouble()).toNanos();
        reconnectTask = loop.schedule(this::startAttempt, delay, TimeUnit.NANOSECONDS);
        Log.info("clasp.client {0}: connection lost ({1}); reconnect attempt {2} in {3} ms",
                settings.name(), reason, failures + 1, delay / 1_000_000);
    }

    /** A subscription in flight when its connection went: it is sent again with the others on the next one. */
    @SuppressWarnings("unchecked")
    private boolean keepSubscription(Request<?> r) {
        if (!(r instanceof Request.SubscribeRequest<?> s) || !subs.contains(s.id)) return false;
        Request.SubscribeRequest<Sub> sub = (Request.SubscribeRequest<Sub>) s;
        pendingSubs.add(new Pending(sub.subscription, sub.future));
        return true;
    }

    private void cancelTimers() {
        for (Future<?> f : new Future<?>[] {handshakeDeadline, reconnectTask}) {
            if (f != null) f.cancel(false);
        }
        reconnectTask = null;
        liveness.stop();
    }

    // ---- receiving

    private void received(ByteBuf buf) {
        long now = System.nanoTime();
        liveness.heard(now);
        Message m;
        try {
            m = CODEC.decode(buf).message();
        } catch (DecodeException e) {
            undecodable.incrementAndGet();
            return;
        }
        handle(m, now);
    }

    private void handle(Message m, long now) {
        if (m instanceof WelcomeMessage w) {
            welcomed(w);
        } else if (m instanceof AckMessage a) {
            requests.ack(a);
        } else if (m instanceof ErrorMessage e) {
            if (!requests.error(e)) reportError(e);
        } else if (m instanceof SnapshotMessage s) {
            for (ParamEntry e : s.params()) {
                requests.entry(e);
                delivery.param(e.address(), e.value(), e.revision(), e.writer(), e.timestamp(), true, now);
            }
        } else if (m instanceof SetMessage s) {
            if (s.revision() != null) delivery.param(s.address(), s.value(), s.revision(), null, null, false, now);
        } else if (m instanceof PublishMessage p) {
            delivery.publish(p, now);
        } else if (m instanceof BundleMessage b) {
            b.messages().forEach(inner -> handle(inner, now));
        } else if (m instanceof PongMessage) {
            requests.pong();
        } else if (m instanceof PingMessage) {
            write(Frame.of(PongMessage.INSTANCE, QoS.FIRE));
        } else if (m instanceof SyncMessage s) {
            liveness.synced(s, LocalClock.micros());
        } else if (m instanceof ResultMessage r) {
            requests.result(r.signals());
        }
    }

    private void reportError(ErrorMessage e) {
        ClaspErrorException error = new ClaspErrorException(e.code(), e.message(), e.address());
        if (errorListeners.isEmpty()) Log.warn("clasp.client {0}: {1}", settings.name(), error.getMessage());
        for (Consumer<ClaspErrorException> l : errorListeners) post(() -> l.accept(error));
    }

    // ---- sending

    private void writeOrThrow(Frame frame) throws EncodeException {
        Attempt a = attempt;
        if (a == null || a.link == null) return;
        a.link.send(CODEC.encode(frame, a.link.alloc()));
        liveness.said(System.nanoTime());
    }

    private void write(Frame frame) {
        try {
            writeOrThrow(frame);
        } catch (EncodeException e) {
            throw new IllegalStateException("the client built a frame it cannot encode", e);
        }
    }

    /**
     * Fire and forget: encoded here, on the caller's thread (an oversized message throws at once), written in call
     * order. While not connected the frame is dropped and counted; returns whether it was queued for the wire. While
     * the link's send buffer is above its high-water mark (the router does not keep up) it is dropped too, counted
     * apart: a stream's newest values matter more than a growing backlog. Requests are never dropped.
     */
    public boolean sendNow(Frame frame) {
        if (state != ConnectionState.CONNECTED) {
            dropped.incrementAndGet();
            return false;
        }
        ByteBuf encoded;
        try {
            encoded = CODEC.encode(frame, ByteBufAllocator.DEFAULT);
        } catch (EncodeException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        onLoop(() -> {
            Attempt a = attempt;
            if (state == ConnectionState.CONNECTED && a != null && a.link != null) {
                if (a.link.writable()) {
                    a.link.send(encoded);
                    liveness.said(System.nanoTime());
                } else {
                    encoded.release();
                    droppedBusy.incrementAndGet();
                }
            } else {
                encoded.release();
                dropped.incrementAndGet();
            }
        }, () -> {
            encoded.release();
            dropped.incrementAndGet();
        });
        return true;
    }

    /** A request: sent if connected (or failed with {@link NotConnectedException}), its future completed on reply. */
    <T> CompletableFuture<T> submit(Request<T> r) {
        onLoop(() -> {
            if (state != ConnectionState.CONNECTED) fail(r, new NotConnectedException(state));
            else requests.submit(r);
        }, () -> r.future.completeExceptionally(new NotConnectedException(ConnectionState.CLOSED)));
        return r.future;
    }

    public CompletableFuture<Long> set(SetMessage m, QoS qos) {
        Frame f = qos == QoS.FIRE ? Frame.of(m, qos) : Frame.retryable(m, qos, nextRetryId());
        return submit(new Request.SetRequest(f, m.address()));
    }

    public CompletableFuture<Void> publish(PublishMessage m, QoS qos) {
        if (qos == QoS.FIRE) {
            return sendNow(Frame.of(m, qos)) ? CompletableFuture.completedFuture(null)
                    : CompletableFuture.failedFuture(new NotConnectedException(state));
        }
        return submit(new Request.PublishRequest(Frame.retryable(m, qos, nextRetryId()), m.address()));
    }

    public CompletableFuture<Long> bundle(BundleMessage m, QoS qos) {
        if (qos == QoS.FIRE) {
            return sendNow(Frame.of(m, qos)) ? CompletableFuture.completedFuture(null)
                    : CompletableFuture.failedFuture(new NotConnectedException(state));
        }
        Set<String> addresses = new java.util.HashSet<>();
        for (Message inner : m.messages()) {
            if (inner instanceof SetMessage s) addresses.add(s.address());
            if (inner instanceof PublishMessage p) addresses.add(p.address());
        }
        return submit(new Request.BundleRequest(Frame.retryable(m, qos, nextRetryId()), addresses));
    }

    public CompletableFuture<clasp.api.Value> get(String address) {
        return submit(new Request.GetRequest(Frame.of(new clasp.api.message.GetMessage(address), QoS.FIRE), address));
    }

    public CompletableFuture<List<clasp.api.message.SignalDefinition>> query(String pattern) {
        return submit(new Request.QueryRequest(Frame.of(new clasp.api.message.QueryMessage(pattern), QoS.FIRE), pattern));
    }

    public CompletableFuture<Void> announce(clasp.api.message.AnnounceMessage m) {
        return submit(new Request.AnnounceRequest(Frame.of(m, QoS.FIRE), m.namespace()));
    }

    /**
     * Registers a subscription. Connected: SUBSCRIBE and a fencing PING are sent, and the future completes after the
     * snapshot it caused reached the listener (or fails with the router's ERROR). Otherwise it is sent when the
     * (re)connection is made and the future completes then.
     */
    public CompletableFuture<Sub> subscribe(String pattern, Set<SignalType> types, SubscribeOptions options,
                                            UpdateListener listener) {
        String problem = Address.problem(pattern);
        if (problem != null) throw new IllegalArgumentException(problem);
        CompletableFuture<Sub> future = new CompletableFuture<>();
        onLoop(() -> {
            if (state == ConnectionState.CLOSED) {
                future.completeExceptionally(new NotConnectedException(state));
                return;
            }
            Sub sub = subs.add(pattern, types, options, listener);
            if (state == ConnectionState.CONNECTED) {
                Request.SubscribeRequest<Sub> r = new Request.SubscribeRequest<>(Frame.of(sub.message(), QoS.FIRE), pattern, sub.id, sub);
                r.future.whenComplete((ok, error) -> {
                    if (error != null) onLoop(() -> remove(sub), () -> { });
                    if (error != null) future.completeExceptionally(error);
                    else future.complete(ok);
                });
                requests.submit(r);
            } else {
                pendingSubs.add(new Pending(sub, future));
                Attempt a = attempt;
                if (a != null && a.welcomed) write(Frame.of(sub.message(), QoS.FIRE));   // resync under way
            }
        }, () -> future.completeExceptionally(new NotConnectedException(ConnectionState.CLOSED)));
        return future;
    }

    /** Stops delivery at once and sends UNSUBSCRIBE when connected; completes once that is written. */
    public CompletableFuture<Void> unsubscribe(Sub sub) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        sub.active = false;
        onLoop(() -> {
            if (remove(sub) && attempt != null && attempt.welcomed) {
                write(Frame.of(new UnsubscribeMessage(sub.id), QoS.FIRE));
            }
            post(() -> done.complete(null));
        }, () -> done.complete(null));
        return done;
    }

    private boolean remove(Sub sub) {
        sub.active = false;
        pendingSubs.removeIf(p -> p.sub == sub);
        return subs.remove(sub.id);
    }

    // ---- completion on the callback executor

    @Override
    public <T> void complete(Request<T> request, T value) {
        post(() -> request.future.complete(value));
    }

    @Override
    public void fail(Request<?> request, Throwable cause) {
        post(() -> request.future.completeExceptionally(cause));
    }

    private void setState(ConnectionState next) {
        if (state == next) return;
        state = next;
        for (Consumer<ConnectionState> l : stateListeners) post(() -> l.accept(next));
    }

    // ---- closing

    /** Closes the link, fails everything pending, and ends the client's own threads. */
    public CompletableFuture<Void> close() {
        onLoop(() -> {
            if (state == ConnectionState.CLOSED) return;
            Attempt a = attempt;
            attempt = null;
            if (a != null && a.link != null) a.link.close();
            cancelTimers();
            ConnectionLostException closed = new ConnectionLostException("client closed");
            setState(ConnectionState.CLOSED);   // before anyone waiting hears of it
            requests.failAll(closed, r -> false);
            post(() -> connected.completeExceptionally(closed));
            terminate(closed);
        }, () -> { });
        return terminated;
    }

    private void terminate(ConnectionLostException cause) {
        for (Pending p : pendingSubs) post(() -> p.future.completeExceptionally(cause));
        pendingSubs.clear();
        setState(ConnectionState.CLOSED);
        // The callback thread ends after the last queued callback; the event loop after the link's close is written.
        post(() -> {
            if (ownCallbacks != null) ownCallbacks.shutdown();
            if (ownGroup == null) {
                terminated.complete(null);
            } else {
                ownGroup.shutdownGracefully(20, 2_000, TimeUnit.MILLISECONDS)
                        .addListener(f -> terminated.complete(null));
            }
        });
    }

    /** Runs on the callback executor, or here once that executor has been shut down (a closed client). */
    private void post(Runnable task) {
        Runnable guarded = () -> {
            try {
                task.run();
            } catch (RuntimeException | Error e) {   // with DIRECT, a throwing listener must not break the event loop
                Log.warn(e, "clasp.client: a listener threw");
            }
        };
        try {
            callbacks.execute(guarded);
        } catch (RejectedExecutionException e) {
            guarded.run();
        }
    }

    /** Whether the calling thread is this client's event loop. */
    public boolean onEventLoop() { return loop.inEventLoop(); }

    private void onLoop(Runnable task, Runnable rejected) {
        try {
            loop.execute(task);
        } catch (RejectedExecutionException e) {
            rejected.run();
        }
    }
}
