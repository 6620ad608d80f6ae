package clasp.transport.websocket.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import clasp.transport.netty.InboundActivity;
import io.netty.handler.codec.http.websocketx.WebSocketFrameDecoder;

/**
 * Records when the peer last sent anything: HTTP request parts before the upgrade, every WebSocket frame after.
 * It sits right behind the HTTP codec, where Netty's WebSocket decoder comes to sit ahead of it on upgrade.
 */
final class WebSocketActivity extends InboundActivity {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        touch();
        if (msg instanceof ByteBuf && ctx.pipeline().get(WebSocketFrameDecoder.class) != null) {
            // Bytes a client sent right behind its upgrade request, handed on by the HTTP codec as it is removed:
            // they are WebSocket frames, so they go through the WebSocket decoder from the head of the pipeline.
            ctx.pipeline().fireChannelRead(msg);
            return;
        }
        ctx.fireChannelRead(msg);
    }
}
