/**
 * A Java client for CLASP routers: {@link clasp.client.ClaspClient#builder(java.net.URI)} picks the transport by the
 * URI's scheme ({@code ws}, {@code wss}, {@code tcp}, {@code tcps}, {@code udp}, {@code quic}).
 *
 * <p>Threads: each client does all its protocol work on one Netty event loop (its own, or one of a group the caller
 * shares). Listeners and the futures the client returns complete on the client's callback executor, in the order the
 * client saw the events, never on the event loop unless the caller chose {@link clasp.client.ClaspClient#DIRECT}.
 * Every public method is safe to call from any thread.
 *
 * <p>1.1: {@link clasp.client.ClaspClient#discover(clasp.client.DiscoveryOptions)} finds routers on the local network
 * (mDNS and broadcast HELLO): {@link clasp.client.DiscoveryOptions}, {@link clasp.client.DiscoveredRouter}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package clasp.client;
