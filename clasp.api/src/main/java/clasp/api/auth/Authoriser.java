package clasp.api.auth;

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
}
