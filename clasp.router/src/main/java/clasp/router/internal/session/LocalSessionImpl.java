package clasp.router.internal.session;

import clasp.router.internal.RouterCore;
import clasp.router.internal.clock.Micros;
import clasp.router.internal.metrics.RouterCounters;
import clasp.router.internal.param.Params;

import clasp.api.SignalType;
import clasp.api.Value;
import clasp.api.message.BundleMessage;
import clasp.api.message.Message;
import clasp.api.message.PublishMessage;
import clasp.api.message.SetMessage;
import clasp.api.router.ClaspException;
import clasp.api.router.ErrorCodes;
import clasp.api.router.LocalSession;
import clasp.api.router.MessageListener;
import clasp.api.router.ParamState;
import clasp.api.router.Subscription;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import clasp.api.store.ParamRecord;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.LongAdder;
import clasp.api.router.SessionInfo;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A session opened through the {@link clasp.api.router.Router} service or given to a bridge (D12). Listeners run
 * on the executor it is given (a bridge's strand on the bridge pool, or the router's shared listener pool), one
 * message at a time and in order, never on a delivery thread: the session is a strand, at most one drain task is
 * queued or running.
 * A queue past its limit drops; a drain gives its thread back after a batch, so one busy session cannot hold a
 * pool thread for ever. Each listener gets what its own subscription matched, once per matching subscription; a
 * message sent to the session directly (a P2P signal) goes to every listener.
 */
public final class LocalSessionImpl extends Session implements LocalSession {
    private static final int BATCH = 256;

    private final RouterCore core;
    private final boolean echo;
    private final Executor executor;
    private final ConcurrentHashMap<Long, MessageListener> listeners = new ConcurrentHashMap<>();
    /** A queued message and the ids of the subscriptions it is for (empty: all of them). */
    private record Delivery(Message message, long[] subIds) { }

    private final ConcurrentLinkedQueue<Delivery> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicLong nextSubId = new AtomicLong(1);
    private final String name;
    private final ListenerFailure onFailure;
    private final Runnable onClose;
    private final long openedAt = Micros.now();
    public final LongAdder calls = new LongAdder();
    public final LongAdder delivered = new LongAdder();
    public final LongAdder dropped = new LongAdder();
    private volatile boolean closed;
    private volatile boolean inDrain;
    private volatile long listenerSince;   // System.nanoTime() when the running listener call began; 0 between calls

    /** What happens when a listener throws: the session's owner decides (log, or report a bridge failure). */
    public interface ListenerFailure { void failed(LocalSessionImpl session, RuntimeException e); }

    /** Reports a session's first listener failure like a failed delivery; later ones are counted ({@link #listenerFailures}). */
    public static final ListenerFailure LOG_FAILURE = (s, e) -> {
        if (s.listenerFailures.sum() == 1) failureLog.accept(s, e);
    };

    public final LongAdder listenerFailures = new LongAdder();

    /** {@code onClose} runs once when the session closes (e.g. to stop the executor it owns). */
    public LocalSessionImpl(RouterCore core, String name, boolean echo, Executor executor, ListenerFailure onFailure,
                     Runnable onClose) {
        super(Session.newId());
        this.core = core;
        this.name = name;
        this.echo = echo;
        this.executor = executor;
        this.onFailure = onFailure;
        this.onClose = onClose;
    }

    public String name() { return name; }

    public SessionInfo info() {
        return new SessionInfo(id(), name, "local", subscriptionCount(), calls.sum(), delivered.sum(), openedAt, null,
                "local", principal().name(), 0);
    }

    @Override public boolean echoes() { return echo; }

    @Override public boolean needsFrame() { return false; }

    @Override public boolean isOpen() { return !closed; }

    @Override public long set(String address, Value value) throws ClaspException { return set(new SetMessage(address, value)); }

    @Override public long set(SetMessage set) throws ClaspException {
        open();
        withinAddressRate(set);
        return core.set(this, set);
    }

    @Override public void publish(PublishMessage publish) throws ClaspException {
        open();
        withinAddressRate(publish);
        core.publish(this, publish);
    }

    /** Like a network client's BUNDLE: held on the router clock when its timestamp is ahead, else applied now. */
    @Override public void bundle(BundleMessage bundle) throws ClaspException {
        open();
        withinAddressRate(bundle);
        if (!core.scheduleBundle(this, bundle)) core.bundle(this, bundle);
    }

    /** The per-address rate for local sessions (off unless configured): past it, every write fails with 429. */
    private void withinAddressRate(Message m) throws ClaspException {
        int max = core.settings().input().localAddressRateLimitPerSecond();
        String over = overAddressRate(m, max, heardMicros());
        if (over == null) return;
        core.refusals().count(Refusals.Kind.ADDRESS_RATE_LIMITED);
        throw new ClaspException(ErrorCodes.RATE_LIMITED, addressRateText(over, max), over);
    }

    @Override public Optional<ParamState> get(String address) throws ClaspException {
        open();
        ParamRecord p = core.get(this, address);
        return Optional.ofNullable(p == null ? null : Params.state(p));
    }

    @Override public List<ParamState> params(String pattern) throws ClaspException {
        open();
        List<ParamState> states = new ArrayList<>();
        for (ParamRecord p : core.snapshot(this, pattern)) states.add(Params.state(p));
        return states;
    }

    @Override public Subscription subscribe(String pattern, Set<SignalType> types, MessageListener listener)
            throws ClaspException {
        open();
        long subId = nextSubId.getAndIncrement();
        listeners.put(subId, listener);
        try {
            core.subscribe(this, subId, pattern, types, null);
        } catch (ClaspException e) {
            listeners.remove(subId);
            throw e;
        }
        return new Subscription() {
            @Override public String pattern() { return pattern; }
            @Override public void close() {
                listeners.remove(subId);
                core.unsubscribe(LocalSessionImpl.this, subId);
            }
        };
    }

    private void open() throws ClaspException {
        if (closed) throw new ClaspException(500, "session closed", null);
        calls.increment();
        heard(core.clock().nowMicros());
    }

    @Override public void deliver(Message message, ByteBuf frame, List<SessionSubscription> matched) {
        if (closed) return;
        if (queued.incrementAndGet() > core.settings().localQueueLimit()) {
            queued.decrementAndGet();
            core.dropped.increment();
            core.counters.dropped(RouterCounters.Drop.LOCAL_QUEUE);
            core.refusals().count(Refusals.Kind.LOCAL_QUEUE_DROP);
            dropped.increment();
            return;
        }
        long[] ids = new long[matched.size()];
        for (int i = 0; i < ids.length; i++) ids[i] = matched.get(i).id;
        queue.add(new Delivery(message, ids));
        if (draining.compareAndSet(false, true)) schedule();
    }

    /** Queues the one drain task; called by whoever set {@code draining}. */
    private void schedule() {
        try {
            executor.execute(this::drain);
        } catch (RejectedExecutionException e) {
            draining.set(false);   // closing: its executor is gone
        }
    }

    /** Runs queued messages through the listeners, in order, on one executor thread at a time. */
    private void drain() {
        inDrain = true;
        try {
            drainQueue();
        } finally {
            inDrain = false;
        }
    }

    private void drainQueue() {
        do {
            Delivery d;
            int n = 0;
            while ((d = queue.poll()) != null) {
                queued.decrementAndGet();
                if (closed) continue;
                delivered.increment();
                if (d.subIds.length == 0) {
                    for (MessageListener l : listeners.values()) call(l, d.message);
                } else {
                    for (long id : d.subIds) {
                        MessageListener l = listeners.get(id);
                        if (l != null) call(l, d.message);   // null: unsubscribed since
                    }
                }
                if (++n == BATCH && !queue.isEmpty()) {
                    schedule();   // still draining: the next batch runs after others had their turn
                    return;
                }
            }
            draining.set(false);
        } while (!queue.isEmpty() && draining.compareAndSet(false, true));
    }

    private void call(MessageListener l, Message m) {
        listenerSince = System.nanoTime();
        try {
            l.onMessage(m);
        } catch (RuntimeException e) {
            listenerFailures.increment();
            onFailure.failed(this, e);
        } finally {
            listenerSince = 0;
        }
    }

    /** While this session's listeners run on the calling thread: since when the current call runs (0: between calls); else -1. */
    public long listenerCallSince() { return inDrain ? listenerSince : -1; }

    /** Local sessions get their state through the API: replies are not sent anywhere. */
    @Override public void reply(Message message) { }

    @Override public void close() {
        synchronized (this) {   // only to make close run once; nothing is called under it
            if (closed) return;
            closed = true;
        }
        core.remove(this);
        listeners.clear();
        queue.clear();
        onClose.run();
    }
}
