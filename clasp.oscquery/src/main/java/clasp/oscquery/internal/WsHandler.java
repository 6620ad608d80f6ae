package clasp.oscquery.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.io.IOException;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket connection after the upgrade: registers its {@link WsClient}, reads its commands,
 * {@code {"COMMAND": "LISTEN" | "IGNORE", "DATA": "/path"}}, and hands its binary messages (OSC packets) to
 * {@link ClientWrites}. A text message that is not such a command (bad JSON, another command, DATA not an OSC
 * path) is counted and ignored; the connection stays.
 */
final class WsHandler extends SimpleChannelInboundHandler<WebSocketFrame> {
    static final String LISTEN = "LISTEN";
    static final String IGNORE = "IGNORE";
    private static final Logger LOG = LoggerFactory.getLogger(WsHandler.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Clients clients;
    private final long maxQueuedBytes;
    private final LongAdder ignored;
    private final ClientWrites writes;
    private WsClient client;

    WsHandler(Clients clients, long maxQueuedBytes, LongAdder ignored, ClientWrites writes) {
        this.clients = clients;
        this.maxQueuedBytes = maxQueuedBytes;
        this.ignored = ignored;
        this.writes = writes;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
            client = new WsClient(ctx.channel(), maxQueuedBytes);
            if (!clients.add(client)) {
                client = null;
                ctx.close();   // raced past the limit checked at the upgrade
            }
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (client != null) clients.remove(client);
        super.channelInactive(ctx);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (client == null) return;
        if (frame instanceof BinaryWebSocketFrame) {
            writes.received(frame.content());
        } else if (frame instanceof TextWebSocketFrame text && !command(text.text())) {
            ignored.increment();
        }
    }

    /** True when {@code text} was a LISTEN or IGNORE of an OSC path. */
    private boolean command(String text) {
        JsonNode json;
        try {
            json = MAPPER.readTree(text);
        } catch (IOException notJson) {
            return false;
        }
        if (json == null || !json.path("COMMAND").isTextual() || !json.path("DATA").isTextual()) return false;
        String path = json.get("DATA").asText();
        if (!OscPaths.valid(path)) return false;
        switch (json.get("COMMAND").asText()) {
            case LISTEN -> client.listen(path);
            case IGNORE -> client.ignore(path);
            default -> {
                return false;
            }
        }
        return true;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("clasp.oscquery: closing {}: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
