package clasp.examples.lfo.internal;

import clasp.api.SignalType;
import clasp.api.Value;
import clasp.api.bridge.BridgeContext;
import clasp.api.message.BundleMessage;
import clasp.api.message.Message;
import clasp.api.message.PublishMessage;
import clasp.api.message.SetMessage;
import clasp.api.router.ClaspException;
import clasp.api.router.LocalSession;
import clasp.api.router.MessageListener;
import clasp.api.router.ParamState;
import clasp.api.router.PluginState;
import clasp.api.router.Subscription;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The router's side of a bridge, as a test drives it: records what the bridge writes and reports, keeps the
 * periodic task for the test to run, and delivers messages to the bridge's listeners when the test says so.
 */
final class FakeContext implements BridgeContext, LocalSession {
    final List<Message> written = new ArrayList<>();
    final List<String> statuses = new ArrayList<>();
    PluginState state;
    String detail;
    Runnable periodic;
    long periodNanos;
    Task task;
    String subscribed;
    Set<SignalType> subscribedTypes;
    MessageListener listener;
    boolean unsubscribed;

    /** What the router would deliver to the bridge for a client's SET. */
    void clientSets(String address, Value value) {
        if (listener != null && address.equals(subscribed)) listener.onMessage(new SetMessage(address, value));
    }

    // ---- BridgeContext

    @Override public String id() { return "demo"; }
    @Override public LocalSession session() { return this; }

    @Override public void status(PluginState s, String why) {
        state = s;
        detail = why;
        statuses.add(s + ": " + why);
    }

    @Override public ScheduledFuture<?> schedule(Runnable t, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException();
    }

    @Override public ScheduledFuture<?> scheduleAtFixedRate(Runnable t, long initialDelay, long period, TimeUnit unit) {
        periodic = t;
        periodNanos = unit.toNanos(period);
        task = new Task();
        return task;
    }

    @Override public void execute(Runnable t) { t.run(); }

    // ---- LocalSession

    @Override public long set(String address, Value value) { return set(new SetMessage(address, value)); }

    @Override public long set(SetMessage set) {
        written.add(set);
        return written.size();
    }

    @Override public void publish(PublishMessage publish) { written.add(publish); }

    /** A bundle's SETs and PUBLISHes, as the router would apply them (a timestamp is not waited for here). */
    @Override public void bundle(BundleMessage bundle) { written.addAll(bundle.messages()); }

    @Override public Optional<ParamState> get(String address) { return Optional.empty(); }

    @Override public List<ParamState> params(String pattern) { return List.of(); }   // this fake stores nothing

    @Override public Subscription subscribe(String pattern, Set<SignalType> types, MessageListener l) throws ClaspException {
        subscribed = pattern;
        subscribedTypes = types;
        listener = l;
        return new Subscription() {
            @Override public String pattern() { return pattern; }
            @Override public void close() {
                unsubscribed = true;
                listener = null;
            }
        };
    }

    @Override public void close() { }

    /** A scheduled task that only records its cancellation. */
    static final class Task implements ScheduledFuture<Object> {
        boolean cancelled;

        @Override public long getDelay(TimeUnit unit) { return 0; }
        @Override public int compareTo(Delayed o) { return 0; }
        @Override public boolean cancel(boolean mayInterrupt) { cancelled = true; return true; }
        @Override public boolean isCancelled() { return cancelled; }
        @Override public boolean isDone() { return cancelled; }
        @Override public Object get() { return null; }
        @Override public Object get(long timeout, TimeUnit unit) { return null; }
    }
}
