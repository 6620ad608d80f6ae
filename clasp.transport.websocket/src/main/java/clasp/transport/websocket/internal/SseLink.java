package clasp.transport.websocket.internal;

import clasp.api.message.Frame;
import clasp.api.message.Message;
import clasp.protocol.ClaspCodec;
import clasp.protocol.EncodeException;
import clasp.protocol.transport.ConnectionAcceptor;
import clasp.transport.netty.OpenConnections;
import clasp.transport.netty.RouterLink;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The router's end of an SSE request: hands the connection to the router like any other, speaks for the client
 * (the opening frames, {@link #start}), ignores whatever the client sends after its request, and parks the stream's
 * book when the connection ends. Event loop only.
 */
final class SseLink extends RouterLink<SseConnection> {
    private static final Logger LOG = LoggerFactory.getLogger(SseLink.class);

    private final List<Message> opening;
    private final ResumeBooks books;
    private final ResumeBook book;

    SseLink(ConnectionAcceptor acceptor, OpenConnections<SseConnection> connections,
            Function<ChannelHandlerContext, SseConnection> connectionFactory, List<Message> opening,
            ResumeBooks books, ResumeBook book) {
        super(WebSocketTransport.PID, acceptor, connections, connectionFactory);
        this.opening = opening;
        this.books = books;
        this.book = book;
    }

    /** Hands the connection to the router and sends the opening frames, as a client would. */
    void start(ChannelHandlerContext ctx) {
        if (accepted(ctx) == null) return;
        for (Message m : opening) {
            if (!isOpen()) return;
            ByteBuf frame;
            try {
                frame = ClaspCodec.defaults().encode(Frame.of(m), ctx.alloc());
            } catch (EncodeException e) {
                throw new IllegalArgumentException("opening frame not encodable: " + m, e);   // a pattern above 65535 bytes is refused earlier
            }
            try {
                deliver(frame);
            } finally {
                frame.release();
            }
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ReferenceCountUtil.release(msg);   // an SSE client has nothing more to say
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        super.channelInactive(ctx);
        books.park(book);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            LOG.debug("{}: SSE client {} gone: {}", WebSocketTransport.PID, ctx.channel().remoteAddress(), cause.toString());
        } else {
            LOG.warn("{}: unexpected error on SSE client {}, closing", WebSocketTransport.PID, ctx.channel().remoteAddress(), cause);
        }
        ctx.close();
    }
}
