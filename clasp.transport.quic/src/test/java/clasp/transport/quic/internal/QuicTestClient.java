package clasp.transport.quic.internal;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ChannelInputShutdownReadComplete;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicClientCodecBuilder;
import io.netty.handler.codec.quic.QuicConnectionCloseEvent;
import io.netty.handler.codec.quic.QuicSslContext;
import io.netty.handler.codec.quic.QuicSslContextBuilder;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.handler.codec.quic.QuicStreamType;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.security.PrivateKey;
import java.time.Duration;
import java.security.cert.X509Certificate;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A real QUIC client on Netty's codec, with its own event loop: connects to a listener, opens bidirectional
 * streams, writes bytes and records what comes back on each stream.
 */
final class QuicTestClient implements AutoCloseable {
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel socket;

    QuicTestClient(QuicSslContext ssl) throws InterruptedException {
        this(ssl, Duration.ofSeconds(60));
    }

    /**
     * A client whose connections end after {@code maxIdle} without a packet from the server, a handshake included: a
     * server that refuses a handshake by dropping it (as for an unknown ALPN protocol) tells the client nothing.
     */
    QuicTestClient(QuicSslContext ssl, Duration maxIdle) throws InterruptedException {
        socket = new Bootstrap().group(group).channel(NioDatagramChannel.class)
                // the server name the certificate is checked against (hostname verification is on)
                .handler(new QuicClientCodecBuilder().sslEngineProvider(quic -> ssl.newEngine(quic.alloc(), "localhost", 0))
                        .maxIdleTimeout(maxIdle.toMillis(), TimeUnit.MILLISECONDS)
                        .initialMaxData(16 * 1024 * 1024)
                        .initialMaxStreamDataBidirectionalLocal(4 * 1024 * 1024)
                        .build())
                .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
    }

    /** A client context trusting {@code trusted} (for the server name localhost), optionally presenting a client certificate, offering {@code alpn}. */
    static QuicSslContext context(X509Certificate trusted, PrivateKey clientKey, X509Certificate clientCertificate,
                                  String... alpn) {
        QuicSslContextBuilder builder = QuicSslContextBuilder.forClient().trustManager(trusted)
                .applicationProtocols(alpn.length == 0 ? new String[] {"clasp"} : alpn);
        if (clientKey != null) {
            builder.keyManager(clientKey, null, clientCertificate);
        }
        return builder.build();
    }

    /** Connects (handshake included); fails if the handshake does. */
    Connected connect(InetSocketAddress server) throws Exception {
        AtomicReference<QuicConnectionCloseEvent> closeEvent = new AtomicReference<>();
        QuicChannel quic = QuicChannel.newBootstrap(socket)
                .handler(new ChannelInboundHandlerAdapter() {
                    @Override
                    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                        if (evt instanceof QuicConnectionCloseEvent close) closeEvent.set(close);
                        ctx.fireUserEventTriggered(evt);
                    }
                })
                .streamHandler(new ChannelInboundHandlerAdapter())
                .remoteAddress(server)
                .connect().get(20, TimeUnit.SECONDS);
        return new Connected(quic, closeEvent);
    }

    @Override
    public void close() {
        socket.close().awaitUninterruptibly(2000);
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5000);
    }

    /** One QUIC connection of this client. */
    record Connected(QuicChannel quic, AtomicReference<QuicConnectionCloseEvent> closeEvent) {
        /** Opens a bidirectional stream: one session. */
        Stream open() throws Exception {
            Stream stream = new Stream();
            stream.channel = quic.createStream(QuicStreamType.BIDIRECTIONAL, stream).get(10, TimeUnit.SECONDS);
            return stream;
        }

        void close() {
            quic.close().awaitUninterruptibly(2000);
        }
    }

    /**
     * One stream: what the server writes arrives at {@link #received()}, in order. When the server finishes its side
     * (ends the session), the stream finishes its own, and the stream closes.
     */
    static final class Stream extends ChannelInboundHandlerAdapter {
        private final ByteArrayOutputStream received = new ByteArrayOutputStream();
        volatile QuicStreamChannel channel;
        volatile boolean closed;
        volatile boolean finished;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof ByteBuf bytes) {
                    synchronized (received) {
                        received.writeBytes(ByteBufUtil.getBytes(bytes));
                    }
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof ChannelInputShutdownReadComplete) {
                finished = true;
                channel.shutdownOutput(); // the server ended the session: finish our side too, as a client should
            }
            ctx.fireUserEventTriggered(evt);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            closed = true;
            ctx.fireChannelInactive();
        }

        /** Writes {@code bytes} as one write (QUIC may still send them in several packets). */
        void write(byte[] bytes) {
            channel.writeAndFlush(Unpooled.wrappedBuffer(bytes)).syncUninterruptibly();
        }

        byte[] received() {
            synchronized (received) {
                return received.toByteArray();
            }
        }

        /** The stream closed: both sides finished, or the connection ended. */
        boolean isClosed() {
            return closed;
        }

        /** The server finished its side of the stream (a QUIC FIN). */
        boolean isFinishedByServer() {
            return finished;
        }
    }
}
