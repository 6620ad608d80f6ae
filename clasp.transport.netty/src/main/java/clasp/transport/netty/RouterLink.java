package clasp.transport.netty;

import clasp.protocol.transport.ConnectionAcceptor;
import clasp.protocol.transport.ConnectionHandler;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of a connection: hands the connection to the router once ({@link #accepted}) and feeds the
 * router's {@link ConnectionHandler}: one {@link ByteBuf} message = one frame (none once a close was asked for),
 * {@code writable()} when the connection's outbound path drained, and {@code closed()} exactly once. A transport
 * decides when to accept (on activation, after a TLS or WebSocket handshake, on the first frame) by calling
 * {@link #accepted}. Runs on the connection's event loop only, so its state needs no locks.
 */
public class RouterLink<C extends ChannelConnection> extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(RouterLink.class);

    private final String pid;
    private final ConnectionAcceptor acceptor;
    private final OpenConnections<C> connections;
    private final Function<ChannelHandlerContext, C> connectionFactory;

    private C connection;
    private ConnectionHandler handler;
    private boolean inactive;

    public RouterLink(String pid, ConnectionAcceptor acceptor, OpenConnections<C> connections,
                      Function<ChannelHandlerContext, C> connectionFactory) {
        this.pid = pid;
        this.acceptor = acceptor;
        this.connections = connections;
        this.connectionFactory = connectionFactory;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof ByteBuf frame && accepted(ctx) != null && connection.isOpen()) {
                deliver(frame);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    /** Hands one frame to the router (the caller keeps and releases its reference). */
    protected final void deliver(ByteBuf frame) {
        guarded("a frame", () -> handler.frameReceived(frame));
    }

    /** Accepts the connection on first use; null if the channel is gone or the router refused it. */
    protected final ConnectionHandler accepted(ChannelHandlerContext ctx) {
        if (connection == null && !inactive) {
            connection = connectionFactory.apply(ctx);
            connections.add(connection);
            connection.onWritable(() -> {
                if (handler != null) guarded("writable()", handler::writable);
            });
            guarded("accept", () -> handler = acceptor.accept(connection));
            if (handler == null) {
                connection.close(clasp.protocol.transport.Connection.CLOSE_TRY_AGAIN_LATER, "not accepted");
            }
            LOG.trace("{}: accepted {}", pid, connection.remoteAddress());
        }
        return handler;
    }

    /**
     * The connection, made (but not handed to the router) if it does not exist yet, so that a close can be
     * written in order; null once the channel is inactive and no connection was made.
     */
    protected final C connectionForClose(ChannelHandlerContext ctx) {
        if (connection == null && !inactive) {
            connection = connectionFactory.apply(ctx);
        }
        return connection;
    }

    /** True once the router holds this connection and it is not closing. */
    protected final boolean isOpen() {
        return handler != null && connection.isOpen();
    }

    /** Runs a router callback; a router fault is logged and stays on this connection. */
    private void guarded(String what, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.warn("{}: router failed on {} from {}", pid, what, connection.remoteAddress(), e);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (connection != null) {
            connection.channelChanged(); // the channel took its in-flight bytes: the outbound path goes on
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        inactive = true;
        if (connection != null) {
            connections.remove(connection);
            connection.channelClosed();
        }
        ConnectionHandler last = handler;
        handler = null;
        if (last != null) {
            guarded("closed()", last::closed);
        }
        ctx.fireChannelInactive();
    }
}
