package clasp.transport.quic.internal;

import clasp.protocol.transport.Connection;
import clasp.transport.netty.ChannelConnection;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownReadComplete;

/**
 * Ends a session whose client finished its side of the stream (QUIC FIN): a stream is a session, and a client
 * that will send nothing more has ended it. Its frames already read are handed on first; then the session closes
 * after what is queued for it, so the server finishes its side too and the stream ends. The last handler of a
 * stream's pipeline; one per stream, on its event loop.
 */
final class ClientFinish extends ChannelInboundHandlerAdapter {
    private ChannelConnection session;

    /** The stream's session, as it is made. */
    ChannelConnection made(ChannelConnection session) {
        this.session = session;
        return session;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof ChannelInputShutdownReadComplete) {
            if (session != null) {
                session.close(Connection.CLOSE_NORMAL, "client finished its stream");
            } else {
                ctx.close();
            }
        }
        ctx.fireUserEventTriggered(event);
    }
}
