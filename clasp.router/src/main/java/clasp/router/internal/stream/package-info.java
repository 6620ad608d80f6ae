/**
 * Stream options of a subscription (SUBSCRIBE option flags), enforced by the router: {@code maxRate} (downsampling
 * to the latest value, with a trailing edge), {@code epsilon} (a dead band on numbers), {@code window} (samples
 * batched into one PUBLISH per window) and {@code history} (a stream address's last samples, sent right after the
 * SUBSCRIBE's snapshot).
 *
 * <p>Who owns what. A {@link clasp.router.internal.stream.StreamPolicy} belongs to one subscription that has
 * maxRate, epsilon or window; a subscription without them has none, so the plain delivery path keeps no state and
 * takes no lock. A policy keeps one {@link clasp.router.internal.stream.AddressGate} per address it was offered;
 * the gate's monitor guards its state (last value and time sent, the held message, the batched samples, its one
 * timeout on the router clock). {@link clasp.router.internal.stream.StreamHistory} belongs to the router: one ring
 * per stream address, each ring's monitor guarding its slots.
 *
 * <p>Lock order. A gate's and a ring's monitors are taken by a delivery thread, possibly holding an address stripe
 * (a SET), and by the router clock's thread holding nothing (a flush). A flush sends while holding its gate's
 * monitor, so a held message can never overtake a newer one the gate let through: stripe, then gate, then the
 * session's outbound monitor, then the transport's {@code send}. A ring's monitor is a leaf: nothing is called
 * while it is held. A gate's timeout that fires after its subscription went finds its policy closed and does
 * nothing.
 */
package clasp.router.internal.stream;
