package ${package}.internal;

import clasp.api.SignalType;
import clasp.api.Value;
import clasp.api.bridge.BridgeContext;
import clasp.api.message.BundleMessage;
import clasp.api.message.Message;
import clasp.api.message.PublishMessage;
import clasp.api.message.SetMessage;
import clasp.api.router.ClaspException;
import clasp.api.router.ErrorCodes;
import clasp.api.router.LocalSession;
import clasp.api.router.MessageListener;
import clasp.api.router.ParamState;
import clasp.api.router.PluginState;
import clasp.api.router.Subscription;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The router's side of a bridge, in memory, as a test drives it: records what the bridge writes and reports, and
 * delivers a client's SET to the bridge's listener when the test says so.
 */
final class FakeContext implements BridgeContext, LocalSession {
    final List<Message> written = new ArrayList<>();
    final List<String> statuses = new ArrayList<>();
    String subscribed;
    Set<SignalType> subscribedTypes;
    MessageListener listener;
    boolean unsubscribed;
    /** Addresses whose writes are refused, as a lock held by another session would. */
    final Set<String> locked = new java.util.HashSet<>();
    /** Runs the bridge's scheduled tasks, on one daemon thread started by the first of them; stop() ends it. */
    private ScheduledExecutorService timer;

    /** What the router would deliver to the bridge for a client's SET. */
    void clientSets(String address, Value value) {
        if (listener != null && address.equals(subscribed)) listener.onMessage(new SetMessage(address, value));
    }

    // ---- BridgeContext

    @Override public String id() { return "demo"; }
    @Override public LocalSession session() { return this; }
    @Override public void status(PluginState state, String detail) { statuses.add(state + ": " + detail); }

    @Override public ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit) {
        return timer().schedule(task, delay, unit);
    }

    @Override public ScheduledFuture<?> scheduleAtFixedRate(Runnable task, long initialDelay, long period, TimeUnit unit) {
        return timer().scheduleAtFixedRate(task, initialDelay, period, unit);
    }

    private synchronized ScheduledExecutorService timer() {
        if (timer == null) {
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "fake-bridge-timer");
                t.setDaemon(true);
                return t;
            });
        }
        return timer;
    }

    /** Cancels what the bridge scheduled, as the router does when it removes a bridge. */
    synchronized void stop() {
        if (timer != null) timer.shutdownNow();
    }

    @Override public void execute(Runnable task) { task.run(); }

    // ---- LocalSession (id() above serves both)

    @Override public long set(String address, Value value) throws ClaspException { return set(new SetMessage(address, value)); }

    @Override public long set(SetMessage set) throws ClaspException {
        if (locked.contains(set.address())) throw new ClaspException(ErrorCodes.STATE_ERROR, "locked by another session", set.address());
        written.add(set);
        return written.size();
    }

    @Override public void publish(PublishMessage publish) { written.add(publish); }

    /** A bundle's SETs and PUBLISHes, as the router would apply them (a timestamp is not waited for here). */
    @Override public void bundle(BundleMessage bundle) { written.addAll(bundle.messages()); }

    @Override public Optional<ParamState> get(String address) { return Optional.empty(); }

    @Override public List<ParamState> params(String pattern) { return List.of(); }   // this fake stores nothing

    @Override public Subscription subscribe(String pattern, Set<SignalType> types, MessageListener l) {
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
}
