package clasp.transport.websocket.internal;

import clasp.protocol.transport.ConnectionAcceptor;
import clasp.transport.netty.OpenConnections;
import clasp.transport.netty.Refusals;
import clasp.transport.netty.RouterLink;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler.HandshakeComplete;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The router's end of a WebSocket connection: the connection is handed over once upgraded, one binary message is
 * one frame, protocol violations and messages above the limit end in one close frame, text messages are ignored
 * (wire-format §1.1). Event loop only.
 */
final class WebSocketLink extends RouterLink<WebSocketConnection> {
    private static final Logger LOG = LoggerFactory.getLogger(WebSocketLink.class);

    private final Refusals<WebSocketRefusal> refusals;

    WebSocketLink(ConnectionAcceptor acceptor, OpenConnections<WebSocketConnection> connections,
                  Function<ChannelHandlerContext, WebSocketConnection> connectionFactory, Refusals<WebSocketRefusal> refusals) {
        super(WebSocketTransport.PID, acceptor, connections, connectionFactory);
        this.refusals = refusals;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof HandshakeComplete) {
            accepted(ctx);
        } else if (event instanceof SslHandshakeCompletionEvent tls && !tls.isSuccess()) {
            LOG.debug("{}: TLS handshake with {} failed: {}", WebSocketTransport.PID, ctx.channel().remoteAddress(), tls.cause().toString());
            refusals.count(WebSocketRefusal.TLS_HANDSHAKE);
        } else if (event instanceof ProtocolViolations.Violation violation) {
            LOG.debug("{}: {} from {}, closing", WebSocketTransport.PID, violation.status(), ctx.channel().remoteAddress());
            closeWith(ctx, violation.status());
            return;
        }
        ctx.fireUserEventTriggered(event);
    }

    /** One close frame with {@code status}, after what is queued; the router never sees a connection closed so early. */
    private void closeWith(ChannelHandlerContext ctx, WebSocketCloseStatus status) {
        WebSocketConnection connection = connectionForClose(ctx);
        if (connection != null) {
            connection.close(status.code(), status.reasonText());
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            // Frames can overtake the HandshakeComplete event when a client sends right behind its upgrade request.
            if (msg instanceof BinaryWebSocketFrame frame && accepted(ctx) != null && isOpen()) {
                deliver(frame.content());
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException) {
            // A fragmented message above maxFrameBytes (a single oversized frame: ProtocolViolations).
            LOG.debug("{}: {} sent a message above the limit, closing", WebSocketTransport.PID, ctx.channel().remoteAddress());
            refusals.count(WebSocketRefusal.TOO_BIG);
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
