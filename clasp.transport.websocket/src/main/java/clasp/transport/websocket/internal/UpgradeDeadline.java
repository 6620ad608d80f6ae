package clasp.transport.websocket.internal;

import clasp.transport.netty.Refusals;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler.HandshakeComplete;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The upgrade phase of a connection: it holds one of the listener's {@link UpgradeSlots} until the WebSocket upgrade
 * completes or the connection closes, and closes a connection that has not upgraded in time (idle sockets, slow
 * HTTP clients). On upgrade it removes itself and the HTTP probe answers, useless from then on; an SSE request removes
 * it too. Event loop only.
 */
final class UpgradeDeadline extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(UpgradeDeadline.class);

    private final Duration timeout;
    private final UpgradeSlots slots;
    private final Refusals<WebSocketRefusal> refusals;
    private ScheduledFuture<?> expiry;
    private boolean slotHeld = true;

    /** Takes over a slot already taken from {@code slots}. */
    UpgradeDeadline(Duration timeout, UpgradeSlots slots, Refusals<WebSocketRefusal> refusals) {
        this.timeout = timeout;
        this.slots = slots;
        this.refusals = refusals;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        expiry = ctx.executor().schedule(() -> {
            LOG.debug("{}: {} did not upgrade within {}, closing", WebSocketTransport.PID, ctx.channel().remoteAddress(), timeout);
            io.netty.handler.ssl.SslHandler tls = ctx.pipeline().get(io.netty.handler.ssl.SslHandler.class);
            // A TLS handshake still unfinished is counted once, as TLS_HANDSHAKE, when the close fails it.
            if (tls == null || tls.handshakeFuture().isDone()) refusals.count(WebSocketRefusal.UPGRADE_TIMEOUT);
            ctx.close();
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        ctx.fireChannelActive();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof HandshakeComplete) {
            end();
            ctx.pipeline().remove(this);
            ctx.pipeline().remove(HttpProbeHandler.class); // no HTTP request comes after the upgrade
        }
        ctx.fireUserEventTriggered(event);
    }

    /** Removed on upgrade, or when the request turned into an SSE stream: the slot is free either way. */
    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        end();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        end();
        ctx.fireChannelInactive();
    }

    private void end() {
        if (expiry != null) {
            expiry.cancel(false);
        }
        if (slotHeld) {
            slotHeld = false;
            slots.give();
        }
    }
}
