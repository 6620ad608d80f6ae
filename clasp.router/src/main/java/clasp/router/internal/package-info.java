/**
 * The router as a DS component: its configuration, and the RouterCore façade that checks each request and hands it to
 * the room that does the work.
 *
 * <p><b>Lock order</b> (never taken in another order, so no cycle): address stripes, several in index order
 * ({@code param.Stripes}); then one session's outbound monitor ({@code session.Outbound}, which also builds paced
 * SNAPSHOT/RESULT messages from lock-free reads of the store); then the transport's
 * {@code send}, which never blocks. The session lifecycle monitors ({@code NetworkSession}, {@code LocalSessionImpl}) and
 * the admission gate are leaves: nothing is called while they are held, except that a subscription change holds the
 * session's monitor and then the subscription index's ({@code delivery.SubscriptionIndex}), itself a leaf.
 * A bridge strand's monitor ({@code plugin.Strand}), which a delivery takes under stripes to queue a bridge
 * session's drain, and the bridge pool's ({@code plugin.BridgePool}) are leaves too. Tasks on
 * the router's clock ({@code clock.RouterClock}: gesture flushes, TTLs, signal expiry) start holding nothing and take
 * a stripe as a write does; a store is switched holding every stripe, in index order. No path ends or cleans up a session under a
 * lock: a delivery that finds a session past its bound calls {@code closeNow} and leaves the cleanup (which takes
 * stripes to release its locks) to the transport's {@code closed()} or to the router's housekeeping thread.
 */
package clasp.router.internal;
