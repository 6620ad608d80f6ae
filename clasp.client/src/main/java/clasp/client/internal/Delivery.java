package clasp.client.internal;

import clasp.api.SignalType;
import clasp.api.Value;
import clasp.api.message.PublishMessage;
import clasp.client.Update;
import java.util.List;
import java.util.function.Consumer;

/**
 * Hands what arrives to the listeners of the subscriptions it matches, through {@code post} (the callback executor),
 * skipping a snapshot entry a listener already saw. Event loop only.
 */
final class Delivery {
    private final Subscriptions subs;
    private final Consumer<Runnable> post;

    Delivery(Subscriptions subs, Consumer<Runnable> post) {
        this.subs = subs;
        this.post = post;
    }

    void param(String address, Value value, long revision, String writer, Long timestamp, boolean fromSnapshot,
               long receivedNanos) {
        List<Sub> targets = subs.matching(address, SignalType.PARAM);
        if (targets.isEmpty() || !subs.news(address, revision, value, fromSnapshot)) return;
        deliver(targets, new Update(address, SignalType.PARAM, value, null, revision, writer, timestamp, null, null,
                receivedNanos));
    }

    void publish(PublishMessage p, long receivedNanos) {
        List<Sub> targets = subs.matching(p.address(), p.signal());
        if (targets.isEmpty()) return;
        deliver(targets, new Update(p.address(), p.signal(), p.value(), p.samples(), null, null, p.timestamp(), p.id(),
                p.signal() == SignalType.GESTURE ? p.phase() : null, receivedNanos));
    }

    private void deliver(List<Sub> targets, Update u) {
        for (Sub s : targets) {
            post.accept(() -> {
                if (s.active) s.listener.onUpdate(u);
            });
        }
    }
}
