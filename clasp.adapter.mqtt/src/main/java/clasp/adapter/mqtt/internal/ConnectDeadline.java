package clasp.adapter.mqtt.internal;

import clasp.transport.netty.Refusals;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Closes a connection whose CONNECT packet has not arrived within {@code handshakeTimeoutSeconds} of its acceptance
 * (the TLS handshake included): a client that connects and then sends nothing, or dribbles its CONNECT, holds no
 * socket for long. Removes itself when the CONNECT arrives. Event loop only; one per connection.
 */
final class ConnectDeadline extends ChannelInboundHandlerAdapter {
    private final Duration timeout;
    private final Refusals<MqttRefusal> refusals;
    private ScheduledFuture<?> expiry;

    ConnectDeadline(Duration timeout, Refusals<MqttRefusal> refusals) {
        this.timeout = timeout;
        this.refusals = refusals;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        expiry = ctx.executor().schedule(() -> {
            refusals.count(MqttRefusal.CONNECT_TIMEOUT);
            ctx.close();
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof MqttMessage m && m.fixedHeader() != null
                && m.fixedHeader().messageType() == MqttMessageType.CONNECT) {
            ctx.pipeline().remove(this);
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        expiry.cancel(false);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        expiry.cancel(false);
        ctx.fireChannelInactive();
    }
}
