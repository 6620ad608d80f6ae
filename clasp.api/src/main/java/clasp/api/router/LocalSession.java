package clasp.api.router;

import clasp.api.SignalType;
import clasp.api.Value;
import clasp.api.message.BundleMessage;
import clasp.api.message.PublishMessage;
import clasp.api.message.SetMessage;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.osgi.annotation.versioning.ProviderType;

/** A session opened inside the framework. Thread-safe. Closing it releases its subscriptions and locks. */
@ProviderType
public interface LocalSession extends AutoCloseable {
    String id();

    /** Writes a param and returns its new revision. */
    long set(String address, Value value) throws ClaspException;

    /** Writes a param with every SET option (expected revision, lock, unlock, ttl); returns the new revision. */
    long set(SetMessage set) throws ClaspException;

    /** Publishes an event, stream sample, gesture step or timeline signal. */
    void publish(PublishMessage publish) throws ClaspException;

    /**
     * Applies the SETs and PUBLISHes of {@code bundle} together, all or nothing, exactly as the router applies a
     * network client's BUNDLE. A {@link BundleMessage#timestamp()} ahead of the router clock (µs since the Unix epoch)
     * holds the bundle until that time: it is authorised now and applied then, never before; a bundle without a
     * timestamp, or one that is due, is applied now. A refusal at application time of a held bundle is not reported
     * back (the session has no one to send an ERROR to).
     *
     * @throws ClaspException when the bundle is refused now (scope, a validator, a timestamp beyond the scheduling
     *                        horizon, too many bundles waiting)
     * @since 1.4
     */
    void bundle(BundleMessage bundle) throws ClaspException;

    /** The current state of one param. */
    Optional<ParamState> get(String address) throws ClaspException;

    /**
     * The current state of every param matching {@code pattern}, as this session may see them: what a network
     * client's SUBSCRIBE gets as its snapshot (the same authorisation, the snapshot filters applied), in no particular
     * order. A bridge reads it to start from the current values, since {@link #subscribe} delivers only what changes
     * from then on.
     *
     * @throws ClaspException when the session may not subscribe to {@code pattern}, or it is not a valid pattern
     * @since 1.5
     */
    List<ParamState> params(String pattern) throws ClaspException;

    /**
     * Subscribes to SETs and PUBLISHes matching {@code pattern}; an empty {@code types} set means all types.
     * The listener is called on a thread of the router's, one message at a time, in delivery order.
     */
    Subscription subscribe(String pattern, Set<SignalType> types, MessageListener listener) throws ClaspException;

    @Override
    void close();
}
