package clasp.transport.websocket.internal;

import clasp.transport.netty.Refusals;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;

/**
 * Refuses a WebSocket upgrade request whose Origin header is not among the listener's {@link AllowedOrigins}:
 * {@code 403 Forbidden}, counted, and the connection closed without upgrading. Every other request passes on.
 * One instance per listener configuration.
 */
@Sharable
final class OriginCheck extends ChannelInboundHandlerAdapter {
    private static final byte[] FORBIDDEN = "origin not allowed".getBytes(StandardCharsets.UTF_8);

    private final AllowedOrigins allowed;
    private final Refusals<WebSocketRefusal> refusals;

    OriginCheck(AllowedOrigins allowed, Refusals<WebSocketRefusal> refusals) {
        this.allowed = allowed;
        this.refusals = refusals;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof FullHttpRequest request && isUpgrade(request)
                && !allowed.allows(request.headers().get(HttpHeaderNames.ORIGIN))) {
            request.release();
            refusals.count(WebSocketRefusal.FORBIDDEN_ORIGIN);
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.FORBIDDEN,
                    Unpooled.wrappedBuffer(FORBIDDEN));
            response.headers()
                    .set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, FORBIDDEN.length)
                    .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        ctx.fireChannelRead(msg);
    }

    private static boolean isUpgrade(FullHttpRequest request) {
        return request.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true);
    }
}
