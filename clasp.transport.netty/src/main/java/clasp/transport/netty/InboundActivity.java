package clasp.transport.netty;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/** Records when the peer last sent anything; it sits where it sees every message the peer sends. */
public class InboundActivity extends ChannelInboundHandlerAdapter {
    private volatile long lastNanos = System.nanoTime();

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        touch();
        ctx.fireChannelRead(msg);
    }

    /** The peer sent something now. */
    protected final void touch() {
        lastNanos = System.nanoTime();
    }

    public final long lastNanos() {
        return lastNanos;
    }
}
