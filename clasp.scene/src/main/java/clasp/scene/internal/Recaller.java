package clasp.scene.internal;

import clasp.api.FloatValue;
import clasp.api.GesturePhase;
import clasp.api.IntValue;
import clasp.api.SignalType;
import clasp.api.Value;
import clasp.api.message.BundleMessage;
import clasp.api.message.Message;
import clasp.api.message.PublishMessage;
import clasp.api.message.SetMessage;
import clasp.api.router.ClaspException;
import clasp.api.router.LocalSession;
import clasp.api.router.ParamState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Applies scenes through one local session. Without a fade every param is SET in one BUNDLE: all or nothing. With a
 * fade, each param whose stored and current values are both numbers (integer or float, finite) gets a TIMELINE
 * PUBLISH from its current value to the stored one, linear over the fade, which the router's timeline player plays
 * (60 SETs a second, the last one the stored value exactly); the others (text, maps, arrays, booleans, params with no
 * current value) are SET at once in one BUNDLE at the start, as a console snaps attributes it cannot fade. A param
 * already at its stored value is left alone. A recall stops the fades an earlier recall started at the addresses it
 * sets, so a stored value is never overwritten by a fade still running. Recalls are serialised.
 */
final class Recaller {
    /** The longest fade: a day. */
    static final long MAX_FADE_MS = 86_400_000L;

    /** What a recall did: SET at once, faded, left alone (already there), and the fades the router refused. */
    record Outcome(int set, int faded, int unchanged, Map<String, String> refusedFades) { }

    private final LocalSession session;
    private final LongSupplier nanoTime;
    /** Where fades started by this recaller may still be playing, and until when (nanoTime). */
    private final Map<String, Long> fadingUntil = new HashMap<>();

    Recaller(LocalSession session, LongSupplier nanoTime) {
        this.session = session;
        this.nanoTime = nanoTime;
    }

    /** Recalls {@code scene}, faded over {@code fadeMs} (0: at once); a refused bundle changes nothing and is thrown. */
    synchronized Outcome recall(Scene scene, long fadeMs) throws ClaspException {
        if (fadeMs < 0 || fadeMs > MAX_FADE_MS) throw new IllegalArgumentException("fade must be 0 to " + MAX_FADE_MS + " ms");
        long now = nanoTime.getAsLong();
        fadingUntil.values().removeIf(until -> until - now <= 0);
        List<Message> atOnce = new ArrayList<>();
        Map<String, Value> timelines = new LinkedHashMap<>();
        int unchanged = 0;
        for (Map.Entry<String, Value> e : scene.params().entrySet()) {
            String address = e.getKey();
            Value target = e.getValue();
            Value current = fadeMs == 0 ? null : session.get(address).map(ParamState::value).orElse(null);
            boolean fading = fadingUntil.containsKey(address);
            if (target.equals(current) && !fading) {
                unchanged++;
            } else if (fadeMs > 0 && fadable(target) && fadable(current) && !target.equals(current)) {
                timelines.put(address, timeline(current, target, fadeMs));
            } else {
                atOnce.add(new SetMessage(address, target));
            }
        }
        for (String address : List.copyOf(fadingUntil.keySet())) {
            if (scene.params().containsKey(address) && !timelines.containsKey(address)) cancelFade(address);
        }
        if (!atOnce.isEmpty()) session.bundle(new BundleMessage(null, atOnce));
        Map<String, String> refused = new LinkedHashMap<>();
        long until = now + fadeMs * 1_000_000L;
        for (Map.Entry<String, Value> t : timelines.entrySet()) {
            try {
                session.publish(timelinePublish(t.getKey(), t.getValue()));
                fadingUntil.put(t.getKey(), until);
            } catch (ClaspException e) {
                refused.put(t.getKey(), e.getMessage());
            }
        }
        return new Outcome(atOnce.size(), timelines.size() - refused.size(), unchanged, refused);
    }

    /** Stops the fade playing at {@code address} (a timeline PUBLISH without a definition cancels it). */
    private void cancelFade(String address) {
        fadingUntil.remove(address);
        try {
            session.publish(timelinePublish(address, Value.ofNull()));
        } catch (ClaspException e) {
            // nothing plays there any more (it ended or was replaced): nothing to stop
        }
    }

    private static PublishMessage timelinePublish(String address, Value definition) {
        return new PublishMessage(address, SignalType.TIMELINE, definition, null, null, null, GesturePhase.START, null);
    }

    /** The router's timeline definition of a linear move from {@code from} to {@code to} over {@code fadeMs}. */
    static Value timeline(Value from, Value to, long fadeMs) {
        Value start = Value.of(Map.of("time", Value.of(0L), "value", from, "easing", Value.of("linear")));
        Value end = Value.of(Map.of("time", Value.of(fadeMs * 1_000L), "value", to));
        return Value.of(Map.of("keyframes", Value.of(List.of(start, end))));
    }

    private static boolean fadable(Value v) {
        return v instanceof IntValue || v instanceof FloatValue f && Double.isFinite(f.value());
    }
}
