package clasp.transport.tcp.internal;

import clasp.protocol.transport.ConnectionAcceptor;
import clasp.transport.netty.ChannelConnection;
import clasp.transport.netty.ConnectionLimits;
import clasp.transport.netty.InboundActivity;
import clasp.transport.netty.OpenConnections;
import clasp.transport.netty.OutboundPath;
import clasp.transport.netty.Refusals;
import clasp.transport.netty.StreamRouterLink;
import clasp.transport.netty.Wire;
import clasp.transport.netty.tls.PeerIdentity;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import java.util.function.Supplier;

/**
 * Builds each accepted connection's pipeline, once the connection is within its address's limits (else it is
 * closed at once and counted): [TLS →] activity → length-prefix decoder → length-prefix encoder →
 * frames to the router, which gets the connection once it is active, or with TLS once the handshake succeeded, its
 * peer identity the client certificate's subject. Each connection takes the setup current when it is accepted,
 * so a configuration change applies to the connections accepted after it. Shared by every connection of a
 * listener: stateless but for the setup it reads.
 */
final class TcpChannelInitializer extends ChannelInitializer<SocketChannel> {
    private final String pid;
    private final ConnectionAcceptor acceptor;
    private final OpenConnections<ChannelConnection> connections;
    private final Refusals<TcpRefusal> refusals;
    private final Supplier<ConnectionSetup> setup;
    private final ConnectionLimits limits;

    TcpChannelInitializer(String pid, ConnectionAcceptor acceptor, OpenConnections<ChannelConnection> connections,
                          Refusals<TcpRefusal> refusals, Supplier<ConnectionSetup> setup, ConnectionLimits limits) {
        this.limits = limits;
        this.pid = pid;
        this.acceptor = acceptor;
        this.connections = connections;
        this.refusals = refusals;
        this.setup = setup;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        ConnectionLimits.Verdict verdict = limits.admit(channel);
        if (verdict != ConnectionLimits.Verdict.ADMITTED) {
            refusals.count(verdict == ConnectionLimits.Verdict.TOO_MANY_CONNECTIONS
                    ? TcpRefusal.TOO_MANY_CONNECTIONS : TcpRefusal.TOO_MANY_HANDSHAKES);
            channel.close();   // before any TLS or framing work
            return;
        }
        ConnectionSetup current = setup.get();
        TcpSettings s = current.settings();
        channel.config().setOption(ChannelOption.SO_KEEPALIVE, s.keepAlive());
        // The channel holds only the bytes in flight; the backlog waits, whole, in the connection's OutboundPath.
        int inFlight = Math.min(OutboundPath.IN_FLIGHT_BYTES, s.highWaterMark());
        channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(inFlight / 2, inFlight));
        InboundActivity activity = new InboundActivity();
        if (current.tls() != null) {
            channel.pipeline().addLast("tls", current.tls().newHandler(channel.alloc()));
        }
        channel.pipeline()
                .addLast("activity", activity)
                .addLast("frames", new LengthPrefixDecoder(s.maxFrameBytes()))
                .addLast("prefix", LengthPrefixEncoder.INSTANCE)
                .addLast("clasp", new StreamRouterLink<>(pid, acceptor, connections,
                        ctx -> new ChannelConnection(TcpTransport.KIND, ctx.channel(), Wire.RAW, activity,
                                PeerIdentity.of(ctx.channel()), s.maxFrameBytes(), s.highWaterMark(), s.lowWaterMark()),
                        this::countBadInput));
    }

    /** StreamRouterLink reports a bad length prefix, or a failed TLS handshake. */
    private void countBadInput(Throwable cause) {
        if (cause instanceof TooLongFrameException) {
            refusals.count(TcpRefusal.TOO_BIG);
        } else if (cause instanceof LengthPrefixDecoder.ZeroLengthException) {
            refusals.count(TcpRefusal.ZERO_LENGTH);
        } else if (cause instanceof SslHandshakeTimeoutException) {
            refusals.count(TcpRefusal.HANDSHAKE_TIMEOUT);
        } else {
            refusals.count(TcpRefusal.TLS_FAILED);
        }
    }
}
