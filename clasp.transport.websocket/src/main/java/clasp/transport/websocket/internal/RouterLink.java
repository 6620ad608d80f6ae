package clasp.transport.websocket.internal;

import clasp.protocol.transport.ConnectionAcceptor;
import clasp.protocol.transport.ConnectionHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler.HandshakeComplete;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of a connection: once upgraded, hands the connection to the router and feeds the router's
 * {@link ConnectionHandler}: one binary message = one frame (none once a close was asked for), {@code writable()}
 * when the connection's outbound path drained, and {@code closed()} exactly once. Protocol violations and messages
 * above the limit end in one close frame. Text messages are ignored (wire-format §1.1). Runs on the connection's
 * event loop only, so its state needs no locks.
 */
final class RouterLink extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(RouterLink.class);

    private final ConnectionAcceptor acceptor;
    private final OpenConnections connections;
    private final InboundActivity activity;
    private final int maxFrameBytes;
    private final int highWaterMark;
    private final int lowWaterMark;
    private final Refusals refusals;

    private WebSocketConnection connection;
    private ConnectionHandler handler;
    private boolean inactive;

    RouterLink(ConnectionAcceptor acceptor, OpenConnections connections, InboundActivity activity, int maxFrameBytes,
               int highWaterMark, int lowWaterMark, Refusals refusals) {
        this.refusals = refusals;
        this.maxFrameBytes = maxFrameBytes;
        this.highWaterMark = highWaterMark;
        this.lowWaterMark = lowWaterMark;
        this.acceptor = acceptor;
        this.connections = connections;
        this.activity = activity;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof HandshakeComplete) {
            accepted(ctx);
        } else if (event instanceof ProtocolViolations.Violation violation) {
            LOG.debug("{}: {} from {}, closing", WebSocketTransport.PID, violation.status(), ctx.channel().remoteAddress());
            closeWith(ctx, violation.status());
            return;
        }
        ctx.fireUserEventTriggered(event);
    }

    /** One close frame with {@code status}, after what is queued; the router never sees a connection closed so early. */
    private void closeWith(ChannelHandlerContext ctx, WebSocketCloseStatus status) {
        if (connection == null && !inactive) {
            connection = newConnection(ctx);
        }
        if (connection != null) {
            connection.close(status.code(), status.reasonText());
        }
    }

    private WebSocketConnection newConnection(ChannelHandlerContext ctx) {
        return new WebSocketConnection(ctx.channel(), activity, maxFrameBytes, highWaterMark, lowWaterMark);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            // Frames can overtake the HandshakeComplete event when a client sends right behind its upgrade request.
            if (msg instanceof BinaryWebSocketFrame frame && accepted(ctx) != null && connection.isOpen()) {
                deliver(frame);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void deliver(BinaryWebSocketFrame frame) {
        guarded("a frame", () -> handler.frameReceived(frame.content()));
    }

    /** Runs a router callback; a router fault is logged and stays on this connection. */
    private void guarded(String what, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.warn("{}: router failed on {} from {}", WebSocketTransport.PID, what, connection.remoteAddress(), e);
        }
    }

    /** Accepts the connection on first use; null if the channel is gone or the router refused it. */
    private ConnectionHandler accepted(ChannelHandlerContext ctx) {
        if (connection == null && !inactive) {
            connection = newConnection(ctx);
            connections.add(connection);
            connection.onWritable(() -> {
                if (handler != null) guarded("writable()", handler::writable);
            });
            guarded("accept", () -> handler = acceptor.accept(connection));
            if (handler == null) {
                connection.close(WebSocketCloseStatus.INTERNAL_SERVER_ERROR.code(), "not accepted");
            }
            LOG.trace("{}: accepted {}", WebSocketTransport.PID, connection.remoteAddress());
        }
        return handler;
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

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException) {
            // A fragmented message above maxFrameBytes (a single oversized frame: ProtocolViolations).
            LOG.debug("{}: {} sent a message above the limit, closing", WebSocketTransport.PID, ctx.channel().remoteAddress());
            refusals.count(Refusals.Kind.TOO_BIG);
            closeWith(ctx, WebSocketCloseStatus.MESSAGE_TOO_BIG);
        } else if (cause instanceof CorruptedFrameException) {
            // Anything else corrupt is closed by Netty's WebSocket handler, without a second close frame.
            LOG.debug("{}: protocol violation by {}: {}", WebSocketTransport.PID, ctx.channel().remoteAddress(), cause.getMessage());
        } else if (cause instanceof ClosedChannelException) {
            LOG.trace("{}: write after close to {}", WebSocketTransport.PID, ctx.channel().remoteAddress());
        } else if (cause instanceof DecoderException || cause instanceof PrematureChannelClosureException
                || cause instanceof IOException) {
            LOG.debug("{}: bad input or I/O error on {}, closing: {}", WebSocketTransport.PID, ctx.channel().remoteAddress(), cause.toString());
            ctx.close();
        } else {
            LOG.warn("{}: unexpected error on {}, closing", WebSocketTransport.PID, ctx.channel().remoteAddress(), cause);
            ctx.close();
        }
    }
}
