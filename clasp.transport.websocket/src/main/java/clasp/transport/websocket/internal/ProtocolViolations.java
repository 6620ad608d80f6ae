package clasp.transport.websocket.internal;

import clasp.transport.netty.Refusals;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;

/**
 * Turns a WebSocket decoder's protocol violation (an oversized or malformed frame) into one close with the matching
 * code, sent by {@link WebSocketLink} through the connection's outbound path. It sits right behind the decoder, so
 * Netty's WebSocket handler never sees the exception and never closes (or sends a second close frame) itself.
 */
@Sharable
final class ProtocolViolations extends ChannelInboundHandlerAdapter {
    /** Fired towards {@link WebSocketLink}: close with {@code status}. */
    record Violation(WebSocketCloseStatus status) {
    }

    private final Refusals<WebSocketRefusal> refusals;

    ProtocolViolations(Refusals<WebSocketRefusal> refusals) {
        this.refusals = refusals;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof CorruptedWebSocketFrameException violation) {
            WebSocketCloseStatus status = violation.closeStatus() == null
                    ? WebSocketCloseStatus.PROTOCOL_ERROR : violation.closeStatus();
            refusals.count(status.code() == WebSocketCloseStatus.MESSAGE_TOO_BIG.code()
                    ? WebSocketRefusal.TOO_BIG : WebSocketRefusal.PROTOCOL_ERROR);
            ctx.fireUserEventTriggered(new Violation(status));
            return;
        }
        ctx.fireExceptionCaught(cause);
    }
}
