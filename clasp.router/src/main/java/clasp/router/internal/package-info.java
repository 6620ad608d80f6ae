/**
 * The router as a DS component: its configuration, and the RouterCore façade that checks each request and hands it to
 * the room that does the work.
 *
 * <p><b>Lock order</b> (never taken in another order, so no cycle): address stripes, several in index order
 * ({@code param.Stripes}); then one subscription's stream gate for that address ({@code stream.AddressGate}, only for
 * subscriptions with maxRate, epsilon or window; a trailing-edge or window flush on the router clock starts here and
 * sends while holding it); then one session's outbound monitor ({@code session.Outbound}, which also builds paced
 * SNAPSHOT/RESULT messages from lock-free reads of the store); then the transport's
 * {@code send}, which never blocks. The session lifecycle monitors ({@code NetworkSession}, {@code LocalSessionImpl}) and
 * the admission gate are leaves: nothing is called while they are held, except that a subscription change holds the
 * session's monitor and then the subscription index's ({@code delivery.SubscriptionIndex}), itself a leaf, and then the
 * gates of a subscription that goes (to cancel their flushes). A bridge strand's monitor ({@code plugin.Strand}), which
 * a delivery takes under stripes to queue a bridge session's drain, and the bridge pool's ({@code plugin.BridgePool})
 * are leaves too. Tasks on the router's clock ({@code clock.RouterClock}: gesture flushes and expiries, TTLs, lock
 * leases, signal expiry, scheduled bundles, stream flushes) start holding nothing and take
 * a stripe as a write does; a store is switched holding every stripe, in index order. No path ends or cleans up a session under a
 * lock: a delivery that finds a session past its bound calls {@code closeNow} and leaves the cleanup (which takes
 * stripes to release its locks) to the transport's {@code closed()} or to the router's housekeeping thread.
 * Write hooks ({@code hook}) are called holding no lock, except a snapshot filter, which runs under a session's
 * outbound monitor while its paced snapshot is built; a hook list's own monitor is a leaf.
 */
package clasp.router.internal;
