package clasp.client.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * The last handler of every client pipeline: hands each whole frame (a ByteBuf) to {@link Inbound} and releases it;
 * reports the close once, with the first error seen as the reason.
 */
final class FrameHandler extends ChannelInboundHandlerAdapter {
    private final Inbound inbound;
    private String failure;
    private boolean reported;

    FrameHandler(Inbound inbound) {
        this.inbound = inbound;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf frame)) {
            io.netty.util.ReferenceCountUtil.release(msg);
            return;
        }
        try {
            inbound.frame(frame);
        } finally {
            frame.release();
        }
    }

    /** A peer that ends its side (a QUIC stream's FIN) ends the link. */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof io.netty.channel.socket.ChannelInputShutdownReadComplete) ctx.close();
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (failure == null) failure = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (!reported) {
            reported = true;
            inbound.closed(failure == null ? "connection closed by peer" : failure);
        }
        super.channelInactive(ctx);
    }

    /** Called when the channel closes before it was ever handed to the client (nothing to report then). */
    void silence() {
        reported = true;
    }
}
