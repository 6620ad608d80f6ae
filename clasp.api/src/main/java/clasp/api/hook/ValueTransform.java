package clasp.api.hook;

import clasp.api.Value;
import clasp.api.auth.Principal;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Rewrites the value of a SET before it is stored: what it returns is stored, broadcast to subscribers and
 * acknowledged in place of what was sent. Called for every SET, also each SET inside a BUNDLE, after every
 * {@link WriteValidator} let it through; several transforms are chained, each given what the one before returned.
 * PUBLISHes are never transformed.
 *
 * <p>Called on the request's thread before the write takes the address's lock, concurrently (also for one address);
 * see the package documentation for the time budget.
 */
@ConsumerType
public interface ValueTransform {
    /**
     * @param principal who the writing session acts for
     * @param address   the param's address
     * @param value     the value as sent, or as the transform before this one left it
     * @return the value to store: {@code value} itself (or null) to leave it as it is
     */
    Value transform(Principal principal, String address, Value value);
}
