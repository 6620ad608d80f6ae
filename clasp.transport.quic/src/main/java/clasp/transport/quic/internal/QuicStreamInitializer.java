package clasp.transport.quic.internal;

import clasp.protocol.transport.ConnectionAcceptor;
import clasp.transport.netty.ChannelConnection;
import clasp.transport.netty.InboundActivity;
import clasp.transport.netty.OpenConnections;
import clasp.transport.netty.Refusals;
import clasp.transport.netty.StreamRouterLink;
import clasp.transport.netty.Wire;
import clasp.transport.netty.tls.PeerIdentity;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicStreamChannel;

/**
 * The pipeline of each bidirectional stream a client opens, which is one CLASP session: activity, the frame
 * splitter, and the {@link StreamRouterLink} that hands the session to the router at once (the QUIC handshake,
 * and with it the client certificate check, is complete before a client can open a stream). The session's peer is
 * its QUIC connection's UDP address and identity its client certificate's subject. Shared by every stream of a
 * listener; each call runs on that stream's event loop.
 */
@ChannelHandler.Sharable
final class QuicStreamInitializer extends ChannelInitializer<QuicStreamChannel> {
    static final String TRANSPORT = "quic";

    private final String pid;
    private final ListenerSettings settings;
    private final ConnectionAcceptor acceptor;
    private final OpenConnections<ChannelConnection> sessions;
    private final Refusals<QuicRefusal> refusals;

    QuicStreamInitializer(String pid, ListenerSettings settings, ConnectionAcceptor acceptor,
                          OpenConnections<ChannelConnection> sessions, Refusals<QuicRefusal> refusals) {
        this.pid = pid;
        this.settings = settings;
        this.acceptor = acceptor;
        this.sessions = sessions;
        this.refusals = refusals;
    }

    @Override
    protected void initChannel(QuicStreamChannel stream) {
        QuicChannel quic = stream.parent();
        String remote = ChannelConnection.addressText(quic.remoteSocketAddress());
        String identity = PeerIdentity.of(quic.sslEngine().getSession());
        InboundActivity activity = new InboundActivity();
        stream.pipeline().addLast(activity, new FrameSplitDecoder(settings.maxFrameBytes()),
                new StreamRouterLink<>(pid, acceptor, sessions,
                        ctx -> new ChannelConnection(TRANSPORT, stream, remote, Wire.RAW, activity, identity,
                                settings.maxFrameBytes(), settings.writeBufferHighWaterMark(), settings.writeBufferLowWaterMark()),
                        this::badInput));
    }

    private void badInput(Throwable cause) {
        refusals.count(cause instanceof TooLongFrameException ? QuicRefusal.TOO_BIG : QuicRefusal.BAD_FRAME);
    }
}
