package clasp.api.hook;

import clasp.api.Value;
import clasp.api.auth.Action;
import clasp.api.auth.Principal;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Vetoes writes. Asked about every SET and PUBLISH, and about each SET and PUBLISH inside a BUNDLE before any of
 * the bundle is applied, after the authoriser allowed it and before any {@link ValueTransform}. A veto is answered
 * with ERROR 403 carrying the reason and the address (inside a bundle: "Bundle rejected: &lt;reason&gt;", and
 * nothing of the bundle is applied). The first validator that vetoes decides; later ones are not asked.
 *
 * <p>Called on the request's thread, concurrently; see the package documentation for the time budget.
 */
@ConsumerType
public interface WriteValidator {
    /**
     * @param principal who the writing session acts for
     * @param action    {@link Action#SET} or {@link Action#PUBLISH}
     * @param address   the address written to
     * @param value     the value as sent ({@link Value#ofNull()} for a PUBLISH without one)
     * @return null to let the write through, or the reason it is refused
     */
    String veto(Principal principal, Action action, String address, Value value);
}
