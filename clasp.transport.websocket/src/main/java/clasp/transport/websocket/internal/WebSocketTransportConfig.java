package clasp.transport.websocket.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the WebSocket transport (PID {@value WebSocketTransport#PID}). */
@ObjectClassDefinition(
        name = "CLASP WebSocket transport",
        description = "Accepts CLASP clients over WebSocket (binary messages, one CLASP frame each).")
public @interface WebSocketTransportConfig {

    @AttributeDefinition(description = "Address to listen on; 0.0.0.0 listens on every interface.")
    String host() default "0.0.0.0";

    @AttributeDefinition(description = "TCP port to listen on (CLASP default 7330; 0 picks a free port).", min = "0", max = "65535")
    int port() default 7330;

    @AttributeDefinition(description = "Informational: the path clients are told to use. Upgrades are accepted on any path.")
    String path() default "/";

    @AttributeDefinition(description = "Largest WebSocket message accepted, in bytes (65547 = the largest legal CLASP frame "
            + "including its timestamp). A larger message closes that connection with 1009.", min = "4")
    int maxFrameBytes() default 65547;

    @AttributeDefinition(description = "Seconds between the WebSocket pings the server sends to every connection; 0 = off.", min = "0")
    int pingIntervalSeconds() default 30;

    @AttributeDefinition(description = "Bytes queued for one connection above which it becomes unwritable and the peer "
            + "is no longer read (back-pressure).", min = "1")
    int writeBufferHighWaterMark() default 4 * 1024 * 1024;

    @AttributeDefinition(description = "Bytes queued for one connection below which it becomes writable again and the "
            + "peer is read again.", min = "0")
    int writeBufferLowWaterMark() default 2 * 1024 * 1024;

    @AttributeDefinition(description = "Connections accepted and not yet upgraded to WebSocket, at most; beyond it a new "
            + "connection gets 503 at once, before any HTTP work, so a storm of connections cannot starve live sessions.",
            min = "1")
    int maxPendingUpgrades() default 256;

    @AttributeDefinition(description = "Use Netty's native epoll transport when it is available (Linux); NIO otherwise.")
    boolean epoll() default true;

    @AttributeDefinition(description = "I/O threads serving the connections; 0 = one per available processor. Each "
            + "connection stays on one thread. The default, 1, writes every routed frame on the thread that read it: with "
            + "more threads a delivery to a connection on another thread wakes that thread, which at one message per "
            + "wake-up costs about half as much again per delivery (docs/benchmarks.md). Raise it when one core cannot "
            + "carry the traffic.", min = "0")
    int ioThreads() default 1;
}
