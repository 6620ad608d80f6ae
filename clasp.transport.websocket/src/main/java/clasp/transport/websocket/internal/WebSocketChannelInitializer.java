package clasp.transport.websocket.internal;

import clasp.transport.netty.ConnectionLimits;
import clasp.transport.netty.Refusals;
import clasp.transport.netty.tls.ServerTls;
import clasp.transport.netty.OpenConnections;
import clasp.protocol.transport.ConnectionAcceptor;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import clasp.transport.netty.tls.PeerIdentity;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Builds each accepted connection's pipeline, once the connection is within its address's limits (else it is
 * closed at once and counted):
 * [TLS →] HTTP codec → activity → protocol violations → HTTP aggregator → Origin check → probe answers → WebSocket upgrade/control frames →
 * continuation aggregation → upgrade deadline → frames to the router.
 * On upgrade Netty puts its WebSocket decoder where the HTTP codec was, so {@link WebSocketActivity} then sees
 * every decoded WebSocket frame, control and continuation frames included. A {@code GET /sse} request replaces
 * everything behind the HTTP aggregator with the {@link SseLink}. One instance per configuration of a listener:
 * a configuration change makes a new one for the connections that come after it.
 */
final class WebSocketChannelInitializer extends ChannelInitializer<SocketChannel> {
    /** The subprotocol the JS client asks for and needs echoed. */
    static final String SUBPROTOCOL = "clasp";
    private static final int MAX_HTTP_REQUEST_BYTES = 8192;
    private static final Duration CLOSE_FRAME_TIMEOUT = Duration.ofSeconds(2);
    private static final byte[] SERVICE_UNAVAILABLE = ("HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1\r\n"
            + "Content-Length: 0\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);

    private final ConnectionAcceptor acceptor;
    private final OpenConnections<WebSocketConnection> connections;
    private final int maxFrameBytes;
    private final int highWaterMark;
    private final int lowWaterMark;
    private final WebSocketServerProtocolConfig protocolConfig;
    private final Refusals<WebSocketRefusal> refusals;
    private final UpgradeSlots slots;
    private final HttpProbeHandler probes;
    private final ProtocolViolations violations;
    private final ServerTls tls;
    private final ConnectionLimits limits;
    private final OriginCheck origins;
    private final Duration handshakeTimeout;

    /** {@code sse} null: no SSE observer; {@code tls} null: no TLS. */
    WebSocketChannelInitializer(ConnectionAcceptor acceptor, OpenConnections<WebSocketConnection> connections,
                                WebSocketTransportConfig config, ValidConfig valid, SseEndpoint sse,
                                ServerTls tls, ConnectionLimits limits, Refusals<WebSocketRefusal> refusals,
                                HttpRoutes routes, String listener) {
        this.tls = tls;
        this.limits = limits;
        this.origins = new OriginCheck(valid.origins(), refusals);
        this.handshakeTimeout = Duration.ofSeconds(config.handshakeTimeoutSeconds());
        this.refusals = refusals;
        this.slots = new UpgradeSlots(config.maxPendingUpgrades());
        this.probes = new HttpProbeHandler(refusals, sse, routes, valid.httpPaths(), listener);
        this.violations = new ProtocolViolations(refusals);
        this.acceptor = acceptor;
        this.highWaterMark = config.writeBufferHighWaterMark();
        this.lowWaterMark = config.writeBufferLowWaterMark();
        this.connections = connections;
        this.maxFrameBytes = config.maxFrameBytes();
        this.protocolConfig = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath("/")
                .checkStartsWith(true)                  // "/" + startsWith: every path upgrades
                .subprotocols(SUBPROTOCOL)              // echoed when offered; no subprotocol is fine too
                .handshakeTimeoutMillis(handshakeTimeout.toMillis())
                .forceCloseTimeoutMillis(CLOSE_FRAME_TIMEOUT.toMillis())
                .maxFramePayloadLength(config.maxFrameBytes())   // Netty's default (65536) is below the largest CLASP frame
                .allowExtensions(false)
                .withUTF8Validator(false)               // text messages are ignored anyway
                .closeOnProtocolViolation(false)        // ProtocolViolations closes, with exactly one close frame
                .sendCloseFrame(null)                   // closing the channel never adds a close frame (a second one)
                .build();
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        ConnectionLimits.Verdict verdict = limits.admit(channel);
        if (verdict != ConnectionLimits.Verdict.ADMITTED) {
            refusals.count(verdict == ConnectionLimits.Verdict.TOO_MANY_CONNECTIONS
                    ? WebSocketRefusal.TOO_MANY_CONNECTIONS : WebSocketRefusal.TOO_MANY_HANDSHAKES);
            channel.close();   // before any TLS or HTTP work
            return;
        }
        if (!slots.tryTake()) {
            // A storm: refused before any HTTP work, one small write and a close.
            refusals.count(WebSocketRefusal.SURPLUS_UPGRADE);
            if (tls != null) {
                channel.close();   // a plain-text answer means nothing to a TLS client
                return;
            }
            channel.writeAndFlush(Unpooled.wrappedBuffer(SERVICE_UNAVAILABLE)).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        WebSocketActivity activity = new WebSocketActivity();
        if (tls != null) {
            channel.pipeline().addLast("tls", tls.newHandler(channel.alloc()));
        }
        channel.pipeline()
                .addLast("http", new HttpServerCodec())
                .addLast("activity", activity)
                .addLast("violations", violations)
                .addLast("http-aggregator", new HttpObjectAggregator(MAX_HTTP_REQUEST_BYTES))
                .addLast("origin", origins)
                .addLast("http-probe", probes)
                .addLast("websocket", new WebSocketServerProtocolHandler(protocolConfig))
                .addLast("message-aggregator", new WebSocketFrameAggregator(maxFrameBytes))
                .addLast("upgrade-deadline", new UpgradeDeadline(handshakeTimeout, slots, refusals))
                .addLast("clasp", new WebSocketLink(acceptor, connections, ctx -> new WebSocketConnection(ctx.channel(),
                        activity, PeerIdentity.of(ctx.channel()), maxFrameBytes, highWaterMark, lowWaterMark), refusals));
    }
}
