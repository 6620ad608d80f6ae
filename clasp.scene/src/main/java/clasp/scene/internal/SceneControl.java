package clasp.scene.internal;

import clasp.api.FloatValue;
import clasp.api.IntValue;
import clasp.api.MapValue;
import clasp.api.SignalType;
import clasp.api.StringValue;
import clasp.api.Value;
import clasp.api.message.Message;
import clasp.api.message.SetMessage;
import clasp.api.router.ClaspException;
import clasp.api.router.LocalSession;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control address: a SET of a string there recalls that scene at once, a SET of a map {@code {"name": "intro",
 * "fade": 2000}} recalls it over the fade in ms. Only SETs made while it listens count (a subscription gets no
 * snapshot), so the value left there is not recalled again at start. Recalls run one at a time on the executor, off
 * the router's thread. A refused recall (no such scene, a bad value) is counted and logged at WARN, at most once per
 * {@value #WARN_INTERVAL_MS} ms (the next line says how many were not logged).
 */
final class SceneControl {
    static final long WARN_INTERVAL_MS = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger("clasp.scene");

    private final String address;
    private final SceneRecall recall;
    private final ExecutorService executor;
    private final LongSupplier nanoTime;
    private final AtomicLong recalled = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private long nextWarn;
    private long notLogged;
    private boolean warned;

    SceneControl(String address, SceneRecall recall, ExecutorService executor, LongSupplier nanoTime) {
        this.address = address;
        this.recall = recall;
        this.executor = executor;
        this.nanoTime = nanoTime;
    }

    /** Starts listening on the control address through {@code session}. */
    void listen(LocalSession session) throws ClaspException {
        session.subscribe(address, Set.of(SignalType.PARAM), this::received);
    }

    String address() { return address; }

    long recalled() { return recalled.get(); }

    long refused() { return refused.get(); }

    private void received(Message m) {
        if (!(m instanceof SetMessage set) || !set.address().equals(address)) return;
        try {
            executor.execute(() -> handle(set.value()));
        } catch (RejectedExecutionException e) {
            // the component is stopping: no more recalls
        }
    }

    /** Recalls what {@code value} asks for (on the executor). */
    void handle(Value value) {
        String name = value instanceof StringValue s ? s.value()
                : value instanceof MapValue m && m.get("name") instanceof StringValue s ? s.value() : null;
        try {
            long fade = fadeOf(value, name);
            recall.recall(name, fade);
            recalled.incrementAndGet();
        } catch (RecallRefused e) {
            refused(e.getMessage());
        }
    }

    private long fadeOf(Value value, String name) throws RecallRefused {
        if (name == null) {
            String why = address + ": expected a scene name or {\"name\": <scene>, \"fade\": <ms>}, not " + ValueJson.write(value);
            recall.report(null, 0, "refused", why);
            throw new RecallRefused(why);
        }
        if (!(value instanceof MapValue m) || m.get("fade") == null) return 0;
        Value fade = m.get("fade");
        if (fade instanceof IntValue i) return i.value();
        if (fade instanceof FloatValue f && Double.isFinite(f.value())) return Math.round(f.value());
        String why = "recall " + name + " refused: fade must be a number of ms, not " + ValueJson.write(fade);
        recall.report(name, 0, "refused", why);
        throw new RecallRefused(why);
    }

    private void refused(String why) {
        refused.incrementAndGet();
        long skipped;
        synchronized (this) {
            long now = nanoTime.getAsLong();
            if (warned && now - nextWarn < 0) {
                notLogged++;
                return;
            }
            warned = true;
            nextWarn = now + WARN_INTERVAL_MS * 1_000_000L;
            skipped = notLogged;
            notLogged = 0;
        }
        if (skipped == 0) LOG.warn("clasp.scene: {}", why);
        else LOG.warn("clasp.scene: {} ({} more refused recalls not logged)", why, skipped);
    }
}
