package clasp.adapter.osc.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the OSC server adapter (PID {@value OscTransport#PID}). */
@ObjectClassDefinition(
        name = "CLASP OSC server adapter",
        description = "Accepts OSC 1.0 peers on UDP: each source ip:port is a router session osc:<ip:port>, its OSC "
                + "address A the CLASP address <namespace>A. A change restarts the listener (its sessions end).")
public @interface OscTransportConfig {

    @AttributeDefinition(description = "Address to listen on; 0.0.0.0 listens on every interface.")
    String host() default "0.0.0.0";

    @AttributeDefinition(description = "UDP port to listen on (OSC servers conventionally 8000; 0 picks a free port).",
            min = "0", max = "65535")
    int port() default 8000;

    @AttributeDefinition(description = "Address prefix of every OSC address: OSC /a/b is CLASP <namespace>/a/b; "
            + "outbound the prefix is removed.")
    String namespace() default "/osc";

    @AttributeDefinition(description = "Seconds without a datagram after which a peer's session ends (its "
            + "subscriptions with it); its next datagram opens a new session.", min = "1")
    int peerIdleSeconds() default 30;

    @AttributeDefinition(description = "Peer addresses with a session, at most; a datagram from one more peer is "
            + "counted and dropped, nothing is sent back.", min = "1")
    int maxPeers() default 1024;

    @AttributeDefinition(description = "Subscribe every new peer to <namespace>/** so it receives every SET and event "
            + "under the namespace (besides what it asks for with /clasp/subscribe).")
    boolean autoSubscribe() default false;

    @AttributeDefinition(description = "OSC address patterns, relative to the namespace (CLASP syntax: * one segment, "
            + "** any number), whose messages are events (PUBLISH) instead of SETs, e.g. /cue/go or /trigger/**: "
            + "triggers are not stored as state.")
    String[] eventAddresses() default {};

    @AttributeDefinition(description = "Listen-only OSC peers (such as oscdump) that receive without ever sending: "
            + "each entry 'host:port' or 'host:port/pattern' (pattern relative to the namespace, default /**), e.g. "
            + "127.0.0.1:9001/desk/**. Each "
            + "is a session osc:<host:port> for as long as the listener runs, never idle, not counted in maxPeers.")
    String[] destinations() default {};

    @AttributeDefinition(description = "Subscriptions one peer may hold (/clasp/subscribe); one more is counted and "
            + "ignored.", min = "1")
    int maxSubscriptionsPerPeer() default 64;

    @AttributeDefinition(description = "Outbound Floats as OSC d (64 bits) instead of f (32 bits, what most OSC "
            + "applications read).")
    boolean float64() default false;

    @AttributeDefinition(description = "Outbound Null as an OSC N argument instead of a message without arguments.")
    boolean nullAsNil() default false;

    @AttributeDefinition(description = "Largest datagram accepted or sent, in bytes; at most 65507, the largest UDP "
            + "payload over IPv4. A larger one is counted and dropped.", min = "16", max = "65507")
    int maxDatagramBytes() default 65507;

    @AttributeDefinition(description = "The socket's receive buffer (SO_RCVBUF) in bytes, where datagrams wait for the "
            + "listener's thread: a larger one loses fewer in a burst. The kernel caps it (Linux: net.core.rmem_max). "
            + "0 leaves the system default.", min = "0")
    int receiveBufferBytes() default 1024 * 1024;

    @AttributeDefinition(description = "Bytes queued for one peer above which further messages for it are dropped "
            + "and counted, and its datagrams are dropped until the queue drains.", min = "1")
    int writeBufferHighWaterMark() default 1024 * 1024;

    @AttributeDefinition(description = "Bytes queued for one peer below which it takes messages again.", min = "0")
    int writeBufferLowWaterMark() default 512 * 1024;

    @AttributeDefinition(description = "Use Netty's native epoll transport when it is available (Linux); NIO otherwise.")
    boolean epoll() default true;

    @AttributeDefinition(description = "In authenticated mode (clasp.security): the token (cpsk_… or cap_…) every OSC peer "
            + "of this listener acts with, since OSC carries no credentials; its scopes bound what the peers may do. "
            + "Empty: the peers' HELLOs carry no token and are refused in authenticated mode.", type = AttributeType.PASSWORD)
    String token() default "";
}
