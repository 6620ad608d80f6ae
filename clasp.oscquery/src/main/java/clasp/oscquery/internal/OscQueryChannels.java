package clasp.oscquery.internal;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.util.concurrent.atomic.LongAdder;

/**
 * Each accepted connection's pipeline: HTTP codec → aggregator (a request has no body worth keeping, so the
 * request bound is small) → OSCQuery answers → WebSocket upgrade and control frames (any path upgrades) →
 * continuation aggregation → commands and OSC writes.
 */
final class OscQueryChannels extends ChannelInitializer<SocketChannel> {
    private static final long HANDSHAKE_TIMEOUT_MILLIS = 10_000;
    private static final long CLOSE_FRAME_TIMEOUT_MILLIS = 2_000;

    private final OscQueryConfig config;
    private final QueryHandler queries;
    private final Clients clients;
    private final LongAdder ignored;
    private final ClientWrites writes;
    private final WebSocketServerProtocolConfig protocol;

    OscQueryChannels(OscQueryConfig config, QueryHandler queries, Clients clients, LongAdder ignored, ClientWrites writes) {
        this.config = config;
        this.queries = queries;
        this.clients = clients;
        this.ignored = ignored;
        this.writes = writes;
        this.protocol = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath("/")
                .checkStartsWith(true)
                .handshakeTimeoutMillis(HANDSHAKE_TIMEOUT_MILLIS)
                .forceCloseTimeoutMillis(CLOSE_FRAME_TIMEOUT_MILLIS)
                .maxFramePayloadLength(config.maxMessageBytes())
                .allowExtensions(false)
                .build();
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        channel.pipeline()
                .addLast("http", new HttpServerCodec(config.maxRequestBytes(), config.maxRequestBytes(), 8192))
                .addLast("http-aggregator", new HttpObjectAggregator(config.maxRequestBytes()))
                .addLast("oscquery", queries)
                .addLast("websocket", new WebSocketServerProtocolHandler(protocol))
                .addLast("message-aggregator", new WebSocketFrameAggregator(config.maxMessageBytes()))
                .addLast("commands", new WsHandler(clients, config.maxQueuedBytes(), ignored, writes));
    }
}
