package clasp.transport.quic.internal;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.util.AttributeKey;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import clasp.transport.netty.Refusals;

/**
 * The QUIC connections of one listener, each of which carries one or more sessions (its streams), so that stopping
 * the listener can end them with a QUIC CONNECTION_CLOSE rather than leave clients to time out. Also counts the
 * connections that closed before their handshake completed. The handler runs on each connection's event loop;
 * the set is thread-safe.
 */
@ChannelHandler.Sharable
final class QuicConnections extends ChannelInboundHandlerAdapter {
    /** The application error code of the CONNECTION_CLOSE a stopping listener sends (QUIC leaves codes to the application). */
    static final int GOING_AWAY = 0x1001;
    private static final AttributeKey<Boolean> ESTABLISHED = AttributeKey.valueOf(QuicConnections.class, "established");

    private final Set<QuicChannel> open = ConcurrentHashMap.newKeySet();
    private final Refusals<QuicRefusal> refusals;

    QuicConnections(Refusals<QuicRefusal> refusals) {
        this.refusals = refusals;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.channel().attr(ESTABLISHED).set(Boolean.TRUE);
        open.add((QuicChannel) ctx.channel());
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        open.remove((QuicChannel) ctx.channel());
        ctx.fireChannelInactive();
    }

    @Override
    public void channelUnregistered(ChannelHandlerContext ctx) {
        if (ctx.channel().attr(ESTABLISHED).get() == null) {
            refusals.count(QuicRefusal.NO_HANDSHAKE); // it never became active: its handshake never completed
        }
        ctx.fireChannelUnregistered();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close(); // a connection-level failure (the codec's or TLS's) ends this connection only
    }

    int size() {
        return open.size();
    }

    /** Closes every connection with a CONNECTION_CLOSE ({@link #GOING_AWAY}, "server stopping"), waiting up to {@code grace}. */
    void closeAll(Duration grace) {
        List<ChannelFuture> closing = open.stream().map(quic -> quic.close(true, GOING_AWAY,
                Unpooled.copiedBuffer("server stopping", StandardCharsets.US_ASCII))).toList();
        long deadline = System.nanoTime() + grace.toNanos();
        for (ChannelFuture f : closing) {
            f.awaitUninterruptibly(Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        }
    }
}
