/**
 * What every Netty transport of CLASP shares: event loops (epoll or NIO), the one ordered and bounded outbound path
 * of a connection ({@link clasp.transport.netty.OutboundPath}) and of a peer on a shared datagram channel
 * ({@link clasp.transport.netty.DatagramOutbound}), the connection the router sees
 * ({@link clasp.transport.netty.ChannelConnection}), the handler feeding the router
 * ({@link clasp.transport.netty.RouterLink}), the graceful close, the set of open connections, the per-address
 * {@link clasp.transport.netty.ConnectionLimits connection limits} and the counted refusals. A transport bundle adds its pipeline and its {@link clasp.transport.netty.Wire}.
 *
 * <p>Threads: each connection belongs to one event loop; everything called "event loop only" runs there. Producers
 * (the router's threads) only call {@code ChannelConnection.send/close/closeNow}, which are lock-free.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.4.0")
package clasp.transport.netty;
