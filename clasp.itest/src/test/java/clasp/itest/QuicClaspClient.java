package clasp.itest;

import clasp.api.message.Frame;
import clasp.api.message.Message;
import clasp.protocol.ClaspCodec;
import clasp.protocol.FrameSplitter;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicClientCodecBuilder;
import io.netty.handler.codec.quic.QuicSslContext;
import io.netty.handler.codec.quic.QuicSslContextBuilder;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.handler.codec.quic.QuicStreamType;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A CLASP client over QUIC on Netty's codec (in the framework: the runtime's own QUIC bundle and native
 * fragment): one QUIC connection, one bidirectional stream carrying the session, the certificate verified
 * against the one given (hostname localhost). Frames are cut from the stream by their headers, as the server does.
 */
final class QuicClaspClient implements AutoCloseable {
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final List<Message> received = new CopyOnWriteArrayList<>();
    private final ByteBuf pending = Unpooled.buffer();   // the stream's event loop only
    private final FrameSplitter splitter = new FrameSplitter();
    private volatile Throwable error;
    private volatile boolean ended;
    private QuicChannel quic;
    private QuicStreamChannel stream;

    /** Connects to 127.0.0.1:{@code port} trusting only {@code trusted}, and opens the session's stream. */
    static QuicClaspClient connect(int port, X509Certificate trusted) throws Exception {
        QuicClaspClient client = new QuicClaspClient();
        try {
            client.open(port, trusted);
        } catch (Exception | Error e) {
            client.close();
            throw e;
        }
        return client;
    }

    private void open(int port, X509Certificate trusted) throws Exception {
        QuicSslContext ssl = QuicSslContextBuilder.forClient().trustManager(trusted).applicationProtocols("clasp").build();
        Channel socket = new Bootstrap().group(group).channel(NioDatagramChannel.class)
                .handler(new QuicClientCodecBuilder().sslEngineProvider(q -> ssl.newEngine(q.alloc(), "localhost", port))
                        .maxIdleTimeout(30, TimeUnit.SECONDS).initialMaxData(4 * 1024 * 1024)
                        .initialMaxStreamDataBidirectionalLocal(1024 * 1024).build())
                .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
        quic = QuicChannel.newBootstrap(socket).streamHandler(new ChannelInboundHandlerAdapter())
                .remoteAddress(new InetSocketAddress("127.0.0.1", port)).connect().get(20, TimeUnit.SECONDS);
        stream = quic.createStream(QuicStreamType.BIDIRECTIONAL, new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                try {
                    pending.writeBytes((ByteBuf) msg);
                    ByteBuf frame;
                    while ((frame = splitter.next(pending)) != null) {
                        try {
                            received.add(ClaspCodec.defaults().decode(frame).message());
                        } finally {
                            frame.release();
                        }
                    }
                    pending.discardReadBytes();
                } catch (Exception e) {
                    error = e;
                } finally {
                    ReferenceCountUtil.release(msg);
                }
            }

            @Override
            public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                if (evt instanceof io.netty.channel.socket.ChannelInputShutdownReadComplete) ended = true;
                ctx.fireUserEventTriggered(evt);
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) {
                ended = true;
                pending.release();
            }
        }).get(10, TimeUnit.SECONDS);
    }

    void send(Message message) throws Exception {
        stream.writeAndFlush(Unpooled.wrappedBuffer(ClaspCodec.defaults().encode(Frame.of(message)))).sync();
    }

    /** The first message at or after {@code from} that matches; fails after {@code within}. */
    Message await(int from, Predicate<Message> matches, Duration within) {
        return Eventually.until("a matching message over QUIC (error: " + error + ")", within, () -> {
            List<Message> all = List.copyOf(received);
            return all.stream().skip(from).filter(matches).findFirst().orElse(null);
        }, m -> m != null);
    }

    int count() {
        return received.size();
    }

    /** True once the server ended the session (finished the stream) or the connection ended. */
    boolean ended() {
        return ended;
    }

    @Override
    public void close() {
        if (quic != null) quic.close().awaitUninterruptibly(2000);
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5000);
    }
}
