package clasp.api.hook;

import clasp.api.Value;
import clasp.api.auth.Principal;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Trims what a session is shown of the stored params: asked for every param of the SNAPSHOT after WELCOME, of a
 * SUBSCRIBE's snapshot and of a GET reply (a local session's {@code get} too), at the moment the entry is put into
 * its message. It can hide a param from that session or show it another value; revision, writer and timestamp are
 * always the stored ones. Several filters are chained, each given what the one before returned. The broadcast of
 * a SET to subscribers is not filtered (authorise reads with an {@link clasp.api.auth.Authoriser} to keep a
 * session from subscribing at all).
 *
 * <p>Called on the thread building the reply, concurrently; see the package documentation for the time budget.
 */
@ConsumerType
public interface SnapshotFilter {
    /**
     * @param principal who the session being shown the param acts for
     * @param address   the param's address
     * @param value     the stored value, or as the filter before this one left it
     * @return the value that session sees, or null to leave the param out of its snapshot or GET reply
     */
    Value filter(Principal principal, String address, Value value);
}
