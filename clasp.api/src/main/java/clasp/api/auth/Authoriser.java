package clasp.api.auth;

import clasp.api.Value;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Decides whether a principal may do an action at an address. Called for every SET, PUBLISH, SUBSCRIBE, GET,
 * QUERY, BUNDLE and ANNOUNCE from every entry path, on the thread handling the request: it must be fast and must
 * not block. A refusal becomes ERROR 403 (a bundle item: 400 "Bundle rejected: …") with the reference texts.
 */
@ConsumerType
public interface Authoriser {
    /** The {@code service.ranking} of the router's built-in allow-all authoriser. */
    int OPEN_RANKING = -1000;

    /**
     * @param address the address or pattern the action touches; for {@link Action#BUNDLE} null, for
     *                {@link Action#ANNOUNCE} the namespace
     */
    boolean allows(Principal principal, Action action, String address);

    /**
     * The constraint a write breaks, or null. Asked after {@link #allows} for every SET and PUBLISH, and every SET
     * and PUBLISH inside a BUNDLE (scheduled ones when they arrive), with the value as it will be stored (after the
     * write hooks' transforms), and for each keyframe value of a timeline. A refusal becomes ERROR 403 carrying the
     * text (inside a bundle "Bundle rejected: &lt;text&gt;"), and nothing is written. Counting writes for a rate
     * constraint happens here, so it is asked once per write.
     *
     * @param value the value ({@link Value#ofNull()} for a PUBLISH without one)
     * @return null, or the refusal naming the constraint, e.g. "Constraint range 0..255 of write:/lights/** refuses 300"
     */
    default String constraintBroken(Principal principal, Action action, String address, Value value) { return null; }
}
