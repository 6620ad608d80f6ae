package clasp.transport.netty;

import clasp.protocol.transport.Connection;
import clasp.protocol.transport.ConnectionAcceptor;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link RouterLink} of a byte-stream transport whose pipeline already cuts the stream into frames (TCP with
 * its length prefix, a QUIC stream, a serial line): the router gets the connection as soon as it is active, or,
 * with TLS, once the TLS handshake succeeded (so the peer identity is known). Undecodable input, such as a frame
 * above the limit, is reported to {@code badInput} and closes this connection after what is queued; a byte stream
 * cannot be resynchronised.
 */
public final class StreamRouterLink<C extends ChannelConnection> extends RouterLink<C> {
    private static final Logger LOG = LoggerFactory.getLogger(StreamRouterLink.class);

    private final String pid;
    private final Consumer<Throwable> badInput;

    public StreamRouterLink(String pid, ConnectionAcceptor acceptor, OpenConnections<C> connections,
                            Function<ChannelHandlerContext, C> connectionFactory, Consumer<Throwable> badInput) {
        super(pid, acceptor, connections, connectionFactory);
        this.pid = pid;
        this.badInput = badInput;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (ctx.pipeline().get(SslHandler.class) == null) {
            accepted(ctx);
        }
        ctx.fireChannelActive();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        // Stream channels of QUIC (and pipelines built after activation) are active before this handler exists.
        if (ctx.channel().isActive() && ctx.pipeline().get(SslHandler.class) == null) {
            accepted(ctx);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof SslHandshakeCompletionEvent handshake) {
            if (handshake.isSuccess()) {
                accepted(ctx);
            } else {
                LOG.debug("{}: TLS handshake with {} failed: {}", pid, ctx.channel().remoteAddress(), handshake.cause().toString());
                badInput.accept(handshake.cause());
                ctx.close();
            }
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof DecoderException && !(cause.getCause() instanceof javax.net.ssl.SSLException)) {
            LOG.debug("{}: bad input from {}, closing: {}", pid, ctx.channel().remoteAddress(), cause.getMessage());
            badInput.accept(cause);
            C connection = connectionForClose(ctx);
            int code = cause instanceof TooLongFrameException ? Connection.CLOSE_TOO_BIG : Connection.CLOSE_PROTOCOL_ERROR;
            if (connection != null) {
                connection.close(code, cause.getMessage());
            } else {
                ctx.close();
            }
        } else if (cause instanceof ClosedChannelException) {
            LOG.trace("{}: write after close to {}", pid, ctx.channel().remoteAddress());
        } else if (cause instanceof IOException || cause instanceof DecoderException) {
            LOG.debug("{}: I/O or TLS error on {}, closing: {}", pid, ctx.channel().remoteAddress(), cause.toString());
            ctx.close();
        } else {
            LOG.warn("{}: unexpected error on {}, closing", pid, ctx.channel().remoteAddress(), cause);
            ctx.close();
        }
    }
}
