package clasp.api.bridge;

import clasp.api.router.LocalSession;
import clasp.api.router.PluginState;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.osgi.annotation.versioning.ProviderType;

/**
 * What the router gives a bridge at {@link Bridge#open}. Thread-safe: any thread of the bridge may use it.
 * Everything it hands out is released by the router when the bridge is removed.
 */
@ProviderType
public interface BridgeContext {
    /** The instance id ({@link Bridge#ID}). */
    String id();

    /**
     * The bridge's session into the router. It passes the same authorisation point as a network client, does not
     * receive the bridge's own writes back, and delivers to its listeners on the bridge's strand (one call at a time, in
     * order, never concurrently with the bridge's other calls). The router
     * closes it when the bridge is removed; the bridge must not close it.
     */
    LocalSession session();

    /**
     * Reports the instance's state with a one-line detail for admins (for example
     * {@code status(CONNECTING, "broker 10.0.0.5:1883 unreachable, retrying in 4 s")}). Reporting the same state
     * again only updates the detail.
     */
    void status(PluginState state, String detail);

    /**
     * Runs {@code task} once on the bridge's strand after {@code delay}, measured on the router's clock. A task that throws is logged and reported
     * as a failure; the returned future may cancel it; the router cancels it when the bridge is removed.
     */
    ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit);

    /**
     * Runs {@code task} on the bridge's strand every {@code period} after {@code initialDelay}, until cancelled or
     * the bridge is removed. A run that throws is logged and reported; later runs still happen. Runs never overlap
     * and do not queue up: the next run waits until the previous one has ended, and a task more than a period
     * behind skips the runs it missed.
     */
    ScheduledFuture<?> scheduleAtFixedRate(Runnable task, long initialDelay, long period, TimeUnit unit);

    /** Runs {@code task} on the bridge's strand, after the calls already queued there. */
    void execute(Runnable task);
}
