package clasp.transport.websocket.internal;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler.HandshakeComplete;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Closes a connection that has not completed its WebSocket upgrade in time (idle sockets, slow HTTP clients). */
final class UpgradeDeadline extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(UpgradeDeadline.class);

    private final Duration timeout;
    private final Refusals refusals;
    private ScheduledFuture<?> expiry;

    UpgradeDeadline(Duration timeout, Refusals refusals) {
        this.timeout = timeout;
        this.refusals = refusals;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        expiry = ctx.executor().schedule(() -> {
            LOG.debug("{}: {} did not upgrade within {}, closing", WebSocketTransport.PID, ctx.channel().remoteAddress(), timeout);
            refusals.count(Refusals.Kind.UPGRADE_TIMEOUT);
            ctx.close();
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        ctx.fireChannelActive();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof HandshakeComplete) {
            cancel();
            ctx.pipeline().remove(this);
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancel();
        ctx.fireChannelInactive();
    }

    private void cancel() {
        if (expiry != null) {
            expiry.cancel(false);
        }
    }
}
