/**
 * The OSC server adapter: a {@link clasp.protocol.transport.Transport} of kind "osc" whose connections, one per OSC
 * peer address, speak CLASP to the router on the peers' behalf.
 *
 * <p>Threads. The listener's one datagram channel is served by one Netty event loop, and so is every piece of
 * per-peer state: {@link clasp.adapter.osc.internal.OscLink} (datagrams in, sessions, subscriptions, the idle sweep)
 * and the drain of each {@link clasp.transport.netty.DatagramOutbound}. The router's threads only call a
 * connection's {@code send}/{@code close}: {@code send} translates the frame to OSC on the calling thread
 * ({@link clasp.adapter.osc.internal.ClaspToOsc}, stateless) and offers the datagram to the peer's lock-free queue, so
 * the connection's one order is kept. Shared between threads: the refusal counters (lock-free) and the session count
 * (volatile). No locks are taken on the datagram path. The transport's own fields are guarded by its monitor
 * (open, close, deactivation).
 */
package clasp.adapter.osc.internal;
