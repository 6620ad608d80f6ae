/**
 * The whiteboard: registered bridges and transports, on router-owned threads.
 *
 * <p><b>Threading model.</b> Bridges share one {@code BridgePool} of {@code bridgeThreads} threads
 * ({@code clasp-router-bridge-N}); each bridge has a {@code Strand} on it, a serial executor that runs the bridge's
 * {@code open}, its session's listener deliveries (the session's drain task), its tasks and its {@code close} one at
 * a time, in order, each seeing what the ones before it did, on whichever pool thread is free. Scheduled tasks
 * ({@code ClockTask}) wait on the router's clock, not on a pool thread, and are handed to the strand when due; a
 * strand that is shut cancels them. The router's timer runs the watchdog once a second: {@code BridgeLink.check}
 * reports a call blocked past {@code Bridge.CALLBACK_TIMEOUT_MS}, and {@code BridgePool.check} lends the pool one
 * thread per strand blocked past {@code BridgePool.BLOCKED_MS} (at most {@code bridgeThreads} more), taking them back
 * once the calls return. Opening and closing transports, and closing a bridge whose strand is stuck, run on a
 * second pool ({@code clasp-router-plugin-N}) that has threads only while such calls run. {@code PluginHost.stop}
 * closes every bridge, then every transport, then ends both pools.
 *
 * <p><b>Locks.</b> {@code PluginHost}'s monitor guards opens deferred until start and is held while bridges are
 * opened and while the host stops. A strand's monitor guards its shut flag and the thread inside it (for interrupts);
 * the bridge pool's monitor guards its size and lent threads. Both are leaves: nothing else is taken under them,
 * and only {@code Thread.interrupt} and the pool's resizing are called under them.
 */
package clasp.router.internal.plugin;
