package clasp.api.auth;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Authenticated mode. While an Authenticator service is registered, every network session must present credentials
 * at HELLO that it accepts, and acts for the principal it returns; without one the router is in open mode. Called on
 * the connection's thread, once per HELLO: it must be fast and must not block.
 *
 * <p>When what it accepted earlier may no longer hold (a token revoked, the trust anchors changed, the mode changed),
 * it changes its {@link #GENERATION} service property; the router then asks {@link #holds} about every session and
 * closes those that no longer hold.
 */
@ConsumerType
public interface Authenticator {
    /** Service property (a Long) whose change tells the router to check its sessions again. */
    String GENERATION = "clasp.security.generation";

    /**
     * @return the principal the session acts for
     * @throws AuthenticationException the refusal, with the ERROR code and text the client gets
     */
    Principal authenticate(Credentials credentials) throws AuthenticationException;

    /** Whether a principal this authenticator (or an earlier one) gave out is still good. */
    boolean holds(Principal principal);
}
