package clasp.transport.udp.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the UDP transport (PID {@value UdpTransport#PID}). */
@ObjectClassDefinition(
        name = "CLASP UDP transport",
        description = "Serves CLASP clients over UDP: one CLASP frame per datagram, one session per peer address, "
                + "opened by a HELLO. UDP loses and reorders datagrams; nothing here retransmits.")
public @interface UdpTransportConfig {

    @AttributeDefinition(description = "Address to listen on; 0.0.0.0 listens on every interface.")
    String host() default "0.0.0.0";

    @AttributeDefinition(description = "UDP port to listen on (CLASP default 7332; 0 picks a free port). A change "
            + "rebinds this listener only, ending its sessions.", min = "0", max = "65535")
    int port() default 7332;

    @AttributeDefinition(description = "Largest datagram (one CLASP frame) accepted or sent, in bytes; at most 65507, "
            + "the largest UDP payload over IPv4. A larger datagram is counted and dropped; a larger outbound frame too.",
            min = "5", max = "65507")
    int maxFrameBytes() default 65507;

    @AttributeDefinition(description = "Peer addresses with a session, at most; a HELLO from one more peer is counted "
            + "and dropped, nothing is sent back.", min = "1")
    int maxPeers() default 1024;

    @AttributeDefinition(description = "Seconds without a valid datagram after which a peer's session ends (the router "
            + "sees it close); its next HELLO opens a new session.", min = "1")
    int peerIdleSeconds() default 60;

    @AttributeDefinition(description = "Bytes queued for one peer above which its session is unwritable: further "
            + "frames for it are dropped and counted, and its datagrams are dropped until the queue drains.", min = "1")
    int writeBufferHighWaterMark() default 1024 * 1024;

    @AttributeDefinition(description = "Bytes queued for one peer below which it becomes writable again.", min = "0")
    int writeBufferLowWaterMark() default 512 * 1024;

    @AttributeDefinition(description = "Use Netty's native epoll transport when it is available (Linux); NIO otherwise. "
            + "A change rebinds this listener.")
    boolean epoll() default true;
}
