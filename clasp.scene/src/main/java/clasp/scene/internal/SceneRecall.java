package clasp.scene.internal;

import clasp.api.Value;
import clasp.api.router.ClaspException;
import clasp.api.router.LocalSession;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recalls a scene by name, from the shell or the control address alike, and shows the outcome of the latest recall
 * to every client as the param {@value #STATUS_ADDRESS}: {@code {name, fade, status: "recalled"|"refused", detail,
 * at}} (at: ISO-8601 UTC).
 */
final class SceneRecall {
    static final String STATUS_ADDRESS = "/clasp/scene/last";
    private static final Logger LOG = LoggerFactory.getLogger("clasp.scene");

    private final SceneLibrary library;
    private final Recaller recaller;
    private final LocalSession session;
    private final Clock clock;

    SceneRecall(SceneLibrary library, Recaller recaller, LocalSession session, Clock clock) {
        this.library = library;
        this.recaller = recaller;
        this.session = session;
        this.clock = clock;
    }

    /** Recalls scene {@code name} over {@code fadeMs} (0: at once) and says what it did; refused: changed nothing. */
    String recall(String name, long fadeMs) throws RecallRefused {
        try {
            String done = "recalled " + name + ": " + describe(recallOrRefuse(name, fadeMs), fadeMs);
            report(name, fadeMs, "recalled", done);
            return done;
        } catch (RecallRefused e) {
            report(name, fadeMs, "refused", e.getMessage());
            throw e;
        }
    }

    private Recaller.Outcome recallOrRefuse(String name, long fadeMs) throws RecallRefused {
        if (fadeMs < 0 || fadeMs > Recaller.MAX_FADE_MS) {
            throw new RecallRefused("recall " + name + " refused: fade must be 0 to " + Recaller.MAX_FADE_MS + " ms, not " + fadeMs);
        }
        Scene scene = library.get(name).orElseThrow(() -> new RecallRefused("recall " + name + " refused: no scene " + name));
        try {
            return recaller.recall(scene, fadeMs);
        } catch (ClaspException e) {
            throw new RecallRefused("recall " + name + " refused, nothing changed: " + e.code() + " " + e.getMessage()
                    + (e.address() == null ? "" : " (" + e.address() + ")"));
        }
    }

    private static String describe(Recaller.Outcome o, long fadeMs) {
        StringBuilder s = new StringBuilder();
        if (fadeMs == 0) {
            s.append(count(o.set()));
        } else {
            s.append(count(o.faded())).append(" fading over ").append(fadeMs).append(" ms, ").append(o.set()).append(" set at once");
            if (o.unchanged() > 0) s.append(", ").append(o.unchanged()).append(" already there");
        }
        o.refusedFades().forEach((address, why) -> s.append("; fade refused at ").append(address).append(": ").append(why));
        return s.toString();
    }

    private static String count(int n) { return n + (n == 1 ? " param" : " params"); }

    /** Sets the status param; a status that cannot be written (locked by a client, say) is only logged. */
    void report(String name, long fadeMs, String status, String detail) {
        Map<String, Value> v = new LinkedHashMap<>();
        v.put("name", name == null ? Value.ofNull() : Value.of(name));
        v.put("fade", Value.of(fadeMs));
        v.put("status", Value.of(status));
        v.put("detail", Value.of(detail));
        v.put("at", Value.of(clock.instant().truncatedTo(ChronoUnit.MILLIS).toString()));
        try {
            session.set(STATUS_ADDRESS, Value.of(v));
        } catch (ClaspException e) {
            LOG.debug("clasp.scene: {} not written: {} {}", STATUS_ADDRESS, e.code(), e.getMessage());
        }
    }
}
