package clasp.client.internal;

import io.netty.channel.EventLoop;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Opens links of one transport. The future completes on {@code loop} once the link can carry CLASP frames (TCP
 * connected, TLS and WebSocket handshakes done); on failure nothing stays open and {@code inbound} hears nothing.
 */
public interface Connector {
    CompletableFuture<Link> open(URI uri, EventLoop loop, Duration timeout, Inbound inbound);
}
