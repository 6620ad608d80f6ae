package clasp.api.bridge;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A bridge instance, registered as an OSGi service (normally a DS component with a factory configuration, one
 * instance per configuration). It never looks the router up: the router tracks every registered {@code Bridge}
 * and calls it.
 *
 * <p><b>Threading.</b> The router runs every bridge instance on a strand of its own: {@link #open}, the
 * listeners of the subscriptions it makes through {@link BridgeContext#session()}, the tasks it schedules or
 * executes through the context and {@link #close} run one at a time, in order, never concurrently, and each call
 * sees what the calls before it did: a bridge needs no locks for state only those touch. The calls run on threads
 * the router shares among all bridges ({@code clasp-router-bridge-N}), not always the same one: a bridge must not
 * rely on thread identity or thread-locals across calls. {@link #close} runs on the strand too, after what was
 * queued before it, unless the strand is stuck; then on another router thread.
 *
 * <p><b>Failures.</b> {@code open} has {@link #OPEN_TIMEOUT_MS} to return and {@code close} {@link #CLOSE_TIMEOUT_MS}.
 * An exception from {@code open}, a timeout, or a callback blocked past {@link #CALLBACK_TIMEOUT_MS} puts the instance
 * in state {@link clasp.api.router.PluginState#FAILED} with a detail, visible in {@code clasp.bridge:list}; it
 * never reaches the router or other clients. Messages for a bridge that does not keep up are queued up to a
 * bound, then dropped and counted.
 *
 * <p><b>Service properties</b> read by the router: {@link #ID}, {@link #PROTOCOL} and {@link #SCOPES}; use {@link ClaspBridge} to set
 * the protocol and put {@code clasp.bridge.id} in the instance's configuration.
 */
@ConsumerType
public interface Bridge {
    /** Service property (String): the instance id, unique among bridges, normally from configuration. Default: "bridge-" + service.id. */
    String ID = "clasp.bridge.id";
    /** Service property (String): the protocol or kind this bridge handles, e.g. "mqtt", "osc", "lfo". */
    String PROTOCOL = "clasp.bridge.protocol";
    /**
     * Service property (String[], or one String of scopes separated by commas or blanks): what the bridge's session
     * is granted, e.g. {@code write:/mqtt/**}, {@code read:/mqtt/**}. The router opens the session with the principal
     * {@code bridge:<id>} and these scopes, and its authoriser decides every request of the bridge with them.
     * Absent or empty: {@link clasp.api.auth.Principal#EVERYTHING}. Put it in the instance's configuration so that it
     * becomes a service property.
     */
    String SCOPES = "clasp.bridge.scopes";

    /** Milliseconds {@link #open} may take before the instance is marked failed. */
    long OPEN_TIMEOUT_MS = 5_000;
    /** Milliseconds {@link #close} may take before the router stops waiting for it. */
    long CLOSE_TIMEOUT_MS = 5_000;
    /** Milliseconds one listener call or task may run before the instance is reported failed (blocked). */
    long CALLBACK_TIMEOUT_MS = 5_000;

    /**
     * Starts the bridge: subscribe through {@code context.session()}, start connecting (on threads of the bridge's
     * own, named {@code clasp-bridge-<protocol>-<id>-…}, or with {@code context.schedule}), report progress with
     * {@code context.status}. Must return quickly: do not wait for a network peer here. The context is valid
     * until {@link #close} returns.
     *
     * @throws Exception when the bridge cannot start at all; the instance is then marked failed and closed
     */
    void open(BridgeContext context) throws Exception;

    /**
     * Stops the bridge and releases everything it created (threads, sockets, clients). Called once, also after a
     * failed {@code open}. The router has already closed the bridge's session and cancelled its scheduled tasks.
     * Must not throw.
     */
    void close();
}
