package clasp.router.internal.stream;

import clasp.api.SignalType;
import clasp.api.message.Message;
import clasp.api.message.PublishMessage;
import clasp.api.message.SetMessage;
import clasp.api.message.SubscribeOptions;
import clasp.router.internal.clock.RouterClock;
import clasp.router.internal.metrics.RouterCounters;
import clasp.router.internal.session.SessionSubscription;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One subscription's maxRate, epsilon and window, applied to each address it is sent on its own (an
 * {@link AddressGate} per address). They apply to params (SET, and PUBLISH with signal param) and streams; events,
 * gestures (every phase), timelines and SETs that lock or unlock always pass. Memory: one gate per address this subscription was offered,
 * each holding one value, at most one held message, one window of samples and one timeout.
 */
public final class StreamPolicy {
    /** How a held-back message leaves later: to the subscription's session, as that subscription's delivery. */
    public interface Release {
        void send(SessionSubscription via, Message m);
    }

    /** Builds the policies of new subscriptions, on the router's clock. */
    public static final class Factory {
        private final RouterClock clock;
        private final Release release;
        private final RouterCounters counters;

        public Factory(RouterClock clock, Release release, RouterCounters counters) {
            this.clock = clock;
            this.release = release;
            this.counters = counters;
        }

        /** The policy for {@code sub}'s options, or null when they ask for nothing per delivery (none, or history only). */
        public StreamPolicy of(SessionSubscription sub, SubscribeOptions o) {
            if (o == null) return null;
            long rate = o.maxRate() == null ? 0 : o.maxRate();
            double epsilon = o.epsilon() == null || !(o.epsilon() > 0) ? 0 : o.epsilon();
            long windowMs = o.window() == null ? 0 : o.window();
            if (rate <= 0 && epsilon == 0 && windowMs <= 0) return null;
            long interval = rate <= 0 ? 0 : (1_000_000 + rate - 1) / rate;   // at least 1/R s apart
            long window = windowMs <= 0 ? 0 : Math.max(windowMs * 1_000, interval);   // a window never outpaces maxRate
            return new StreamPolicy(sub, clock, release, counters, interval, epsilon, window);
        }
    }

    final SessionSubscription sub;
    final RouterClock clock;
    final Release release;
    final RouterCounters counters;
    final long intervalMicros;   // 0: no maxRate
    final double epsilon;        // 0: no dead band
    final long windowMicros;     // 0: no window
    private final ConcurrentHashMap<String, AddressGate> gates = new ConcurrentHashMap<>();
    private volatile boolean closed;

    StreamPolicy(SessionSubscription sub, RouterClock clock, Release release, RouterCounters counters, long intervalMicros,
                 double epsilon, long windowMicros) {
        this.sub = sub;
        this.counters = counters;
        this.clock = clock;
        this.release = release;
        this.intervalMicros = intervalMicros;
        this.epsilon = epsilon;
        this.windowMicros = windowMicros;
    }

    /**
     * Whether {@code m} leaves now (the caller sends it); otherwise this policy held it back (to leave later, at the
     * trailing edge or with its window) or dropped it (epsilon).
     */
    public boolean offer(Message m, String address, long nowMicros) {
        if (closed || !governed(m)) return true;
        AddressGate gate = gates.get(address);   // a lookup first: no capturing lambda per delivery
        if (gate == null) gate = gates.computeIfAbsent(address, a -> new AddressGate(this, a));
        return gate.offer(m, nowMicros);
    }

    /** Params and streams are governed (a SET that locks or unlocks is not: its lock state must arrive); everything else passes. */
    static boolean governed(Message m) {
        if (m instanceof SetMessage s) return !s.lock() && !s.unlock();
        return m instanceof PublishMessage p && (p.signal() == SignalType.STREAM || p.signal() == SignalType.PARAM);
    }

    boolean closed() { return closed; }

    /** The subscription went: held messages and windows are discarded and every timeout cancelled. */
    public void close() {
        closed = true;
        gates.values().forEach(AddressGate::cancel);
        gates.clear();
    }

    /** Addresses with state here (tests check the bound). */
    public int addresses() { return gates.size(); }

    /** Gates with a timeout pending (tests check that closing cancels them). */
    public int pendingFlushes() {
        int n = 0;
        for (AddressGate g : gates.values()) if (g.flushPending()) n++;
        return n;
    }
}
