package clasp.api.router;

import clasp.api.message.SignalDefinition;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** The CLASP router as an OSGi service. */
@ProviderType
public interface Router {
    /**
     * Opens a local session: it has a session id like a network client, passes the same authorisation point,
     * gets no WELCOME or SNAPSHOT frames, and does not receive its own writes unless {@code echo} is set.
     */
    LocalSession openSession(String name, boolean echo);

    /**
     * {@link #openSession(String, boolean)} acting for a principal named {@code "local:" + name} with {@code scopes}
     * (checked like a network client's in authenticated mode); the plain form grants
     * {@link clasp.api.auth.Principal#EVERYTHING}.
     */
    LocalSession openSession(String name, boolean echo, java.util.Set<String> scopes);

    /** The param stored at exactly {@code address}. */
    Optional<ParamState> param(String address);

    /** Every stored param whose address matches {@code pattern} (glob semantics, as for subscribe snapshots). */
    List<ParamState> params(String pattern);

    /**
     * Removes every param whose address matches {@code pattern} (glob semantics, as {@link #params}), locked or
     * not, as an admin would. Subscribers are not told (the wire has no removal message; a param whose TTL runs
     * out goes the same way); a later SET creates the param again at revision 1.
     *
     * @return how many params were removed
     */
    int removeParams(String pattern);

    /**
     * Every signal definition announced with ANNOUNCE whose address matches {@code pattern} (glob semantics, as
     * QUERY), with its meta (unit, range, default, description) as announced; expired definitions are gone.
     * An admin's read: no session and no authorisation check, like {@link #params}.
     */
    List<SignalDefinition> signals(String pattern);

    /**
     * Where params and the journal live now.
     *
     * @since 1.6
     */
    StoreInfo store();

    /** Counters, read without locks. */
    RouterStats stats();

    /**
     * Counters for monitoring (frames and bytes by message type, deliveries, drops, ERROR codes, ...), read without
     * locks.
     *
     * @since 1.9
     */
    RouterMetrics metrics();

    /** Every open session, network and local. */
    List<SessionInfo> sessions();

    /**
     * Closes one session as an admin would (a network client's connection is closed with 1008 and {@code reason});
     * false if no such session is open.
     */
    boolean closeSession(String sessionId, String reason);

    /** Every registered bridge instance, with its state and counters. */
    List<BridgeInfo> bridges();

    /** Every registered transport instance, with its state and counters. */
    List<TransportInfo> transports();

    /** Every write hook the router was given, by kind in the order it calls them, then those it disabled. */
    List<HookInfo> hooks();
}
