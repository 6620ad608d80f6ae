package clasp.router.internal;

import clasp.api.SignalType;
import clasp.api.Value;
import clasp.api.message.Message;
import clasp.api.message.PublishMessage;
import clasp.api.message.SetMessage;
import clasp.api.router.ClaspException;
import clasp.api.router.LocalSession;
import clasp.api.router.MessageListener;
import clasp.api.router.ParamState;
import clasp.api.router.Subscription;
import io.netty.buffer.ByteBuf;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A session opened through the {@link clasp.api.router.Router} service (D12). Listeners run on the router's
 * executor, one message at a time per session, never on a delivery thread; a queue past its limit drops.
 */
final class LocalSessionImpl extends Session implements LocalSession {
    private static final Logger LOG = Logger.getLogger(LocalSessionImpl.class.getName());

    private final RouterCore core;
    private final boolean echo;
    private final Executor executor;
    private final ConcurrentHashMap<Long, MessageListener> listeners = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Message> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicLong nextSubId = new AtomicLong(1);
    private final String name;
    private volatile boolean closed;

    LocalSessionImpl(RouterCore core, String name, boolean echo, Executor executor) {
        super(RouterCore.newSessionId());
        this.core = core;
        this.name = name;
        this.echo = echo;
        this.executor = executor;
    }

    String name() { return name; }

    @Override public boolean echoes() { return echo; }

    @Override public long set(String address, Value value) throws ClaspException { return set(new SetMessage(address, value)); }

    @Override public long set(SetMessage set) throws ClaspException {
        open();
        return core.set(this, set);
    }

    @Override public void publish(PublishMessage publish) throws ClaspException {
        open();
        core.publish(this, publish);
    }

    @Override public Optional<ParamState> get(String address) throws ClaspException {
        open();
        StoredParam p = core.get(this, address);
        return Optional.ofNullable(p == null ? null : p.state());
    }

    @Override public Subscription subscribe(String pattern, Set<SignalType> types, MessageListener listener)
            throws ClaspException {
        open();
        long subId = nextSubId.getAndIncrement();
        listeners.put(subId, listener);
        try {
            core.subscribe(this, subId, pattern, types);
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
    }

    @Override void deliver(Message message, ByteBuf frame) {
        if (closed) return;
        if (queued.incrementAndGet() > core.settings.localQueueLimit()) {
            queued.decrementAndGet();
            core.dropped.increment();
            return;
        }
        queue.add(message);
        if (draining.compareAndSet(false, true)) executor.execute(this::drain);
    }

    /** Runs queued messages through the listeners, in order, on one executor thread at a time. */
    private void drain() {
        do {
            Message m;
            while ((m = queue.poll()) != null) {
                queued.decrementAndGet();
                for (MessageListener l : listeners.values()) {
                    try {
                        l.onMessage(m);
                    } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, "listener of local session " + name + " failed", e);
                    }
                }
            }
            draining.set(false);
        } while (!queue.isEmpty() && draining.compareAndSet(false, true));
    }

    /** Local sessions get their state through the API: replies are not sent anywhere. */
    @Override void reply(Message message) { }

    @Override public void close() {
        if (closed) return;
        closed = true;
        core.remove(this);
        listeners.clear();
        queue.clear();
    }
}
