package clasp.router.internal.stream;

import clasp.api.SignalType;
import clasp.api.Value;
import clasp.api.message.Message;
import clasp.api.message.PublishMessage;
import clasp.api.message.SetMessage;
import clasp.router.internal.clock.RouterClock;
import clasp.router.internal.metrics.RouterCounters;
import java.util.concurrent.TimeUnit;

/**
 * One subscription's policy at one address: what it last sent and when, the message held back by maxRate (the
 * latest only), the samples of an open window, and at most one timeout on the router clock for whichever of those
 * is due first. All state is guarded by this object's monitor; a flush sends while holding it (see package-info).
 */
final class AddressGate {
    private final StreamPolicy policy;
    private final String address;
    private boolean sentAny;
    private Value lastValue;       // the epsilon baseline: last value sent (window: last sample taken)
    private long lastSentAt;
    private Message held;          // maxRate's latest, waiting for the trailing edge
    private SampleWindow window;   // null until a sample arrives
    private long windowDue;
    private RouterClock.Timeout timeout;
    private long timeoutDue;

    AddressGate(StreamPolicy policy, String address) {
        this.policy = policy;
        this.address = address;
    }

    synchronized boolean offer(Message m, long now) {
        Value v = valueOf(m);
        if (policy.windowMicros > 0 && m instanceof PublishMessage p && p.signal() == SignalType.STREAM) {
            if (p.sampleCount() > 0 || Deadband.numeric(v)) {
                collect(p, v, now);
                return false;
            }
            flushWindow(now);   // a sample the samples form cannot carry: the batch leaves first, then it
            sent(v, now);
            return true;
        }
        if (policy.epsilon > 0 && sentAny && Deadband.within(lastValue, v, policy.epsilon)) {
            policy.counters.dropped(RouterCounters.Drop.EPSILON);
            held = null;   // the subscriber's value is within epsilon of the newest: nothing left to send
            return false;
        }
        if (policy.intervalMicros > 0 && sentAny && now - lastSentAt < policy.intervalMicros) {
            if (held != null) policy.counters.coalesced(RouterCounters.Coalesce.MAX_RATE);
            held = m;
            arm(lastSentAt + policy.intervalMicros, now);
            return false;
        }
        held = null;
        sent(v, now);
        return true;
    }

    private void collect(PublishMessage p, Value v, long now) {
        if (window == null) window = new SampleWindow();
        if (window.isEmpty()) windowDue = now + policy.windowMicros;
        if (p.sampleCount() == 0) take(Deadband.number(v), p.timestamp(), now);
        else for (int i = 0; i < p.sampleCount(); i++) take(p.sample(i), p.timestamp(), now);
        if (!window.isEmpty()) arm(windowDue, now);
    }

    private void take(double sample, Long timestamp, long now) {
        if (policy.epsilon > 0 && sentAny && Deadband.numeric(lastValue)
                && Deadband.within(Deadband.number(lastValue), sample, policy.epsilon)) return;
        window.add(sample, timestamp);
        sentAny = true;
        lastValue = Value.of(sample);
        if (window.isFull()) flushWindow(now);
    }

    private void flushWindow(long now) {
        if (window == null || window.isEmpty()) return;
        lastSentAt = now;
        policy.release.send(policy.sub, window.drain(address));
    }

    private void sent(Value v, long now) {
        sentAny = true;
        lastValue = v;
        lastSentAt = now;
    }

    /** Makes sure a flush runs no later than {@code due}. */
    private void arm(long due, long now) {
        if (timeout != null && timeoutDue <= due) return;
        if (timeout != null) timeout.cancel();
        timeoutDue = due;
        timeout = policy.clock.schedule(Math.max(0, due - now), TimeUnit.MICROSECONDS, this::flush);
    }

    /** On the router clock: the window that is due and the held message whose interval is over leave now. */
    private synchronized void flush() {
        timeout = null;
        if (policy.closed()) return;
        long now = policy.clock.nowMicros();
        if (window != null && !window.isEmpty() && now >= windowDue) flushWindow(now);
        if (held != null && now - lastSentAt >= policy.intervalMicros) {
            Message m = held;
            held = null;
            sent(valueOf(m), now);
            policy.release.send(policy.sub, m);
        }
        long due = Long.MAX_VALUE;
        if (window != null && !window.isEmpty()) due = windowDue;
        if (held != null) due = Math.min(due, lastSentAt + policy.intervalMicros);
        if (due != Long.MAX_VALUE) arm(due, now);
    }

    synchronized void cancel() {
        if (timeout != null) timeout.cancel();
        timeout = null;
        held = null;
        window = null;
    }

    synchronized boolean flushPending() { return timeout != null; }

    private static Value valueOf(Message m) {
        return m instanceof SetMessage s ? s.value() : m instanceof PublishMessage p ? p.value() : null;
    }
}
