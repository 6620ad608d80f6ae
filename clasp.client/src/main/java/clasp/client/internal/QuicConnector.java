package clasp.client.internal;

import clasp.protocol.DecodeException;
import clasp.protocol.FrameSplitter;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicClientCodecBuilder;
import io.netty.handler.codec.quic.QuicSslContext;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.handler.codec.quic.QuicStreamType;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code quic://}: QUIC (TLS 1.3, ALPN {@code clasp}) on a datagram socket of its own, one bidirectional stream per
 * session, frames cut by their own header length ({@link FrameSplitter}). Closing the link closes the stream, the QUIC
 * connection and the socket. The port is required.
 */
public final class QuicConnector implements Connector {
    public static final String ALPN = "clasp";
    private final QuicSslContext tls;

    public QuicConnector(QuicSslContext tls) {
        this.tls = tls;
    }

    @Override
    public CompletableFuture<Link> open(URI uri, EventLoop loop, Duration timeout, Inbound inbound) {
        CompletableFuture<Link> ready = new CompletableFuture<>();
        FrameHandler frames = new FrameHandler(inbound);
        int port = Bootstraps.port(uri, 0);
        io.netty.channel.ChannelFuture bound = new Bootstrap().group(loop).channel(ChannelTypes.datagram(loop))
                .handler(new QuicClientCodecBuilder()
                        .sslEngineProvider(q -> tls.newEngine(q.alloc(), uri.getHost(), port))
                        .maxIdleTimeout(Math.max(timeout.toMillis(), 30_000), TimeUnit.MILLISECONDS)
                        .initialMaxData(16 * 1024 * 1024)
                        .initialMaxStreamDataBidirectionalLocal(4 * 1024 * 1024)
                        .build())
                .bind(0);
        Channel socket = bound.channel();
        loop.schedule(() -> fail(ready, frames, socket, new TimeoutException("no QUIC session with " + uri + " within " + timeout)),
                timeout.toMillis(), TimeUnit.MILLISECONDS);
        bound.addListener(b -> {
            if (b.isSuccess()) session(uri, port, socket, ready, frames);
            else fail(ready, frames, socket, b.cause());
        });
        return ready;
    }

    /** The QUIC handshake, then the one stream. */
    private static void session(URI uri, int port, Channel socket, CompletableFuture<Link> ready, FrameHandler frames) {
        QuicChannel.newBootstrap(socket)
                .handler(new ChannelInboundHandlerAdapter())
                .streamHandler(new ChannelInboundHandlerAdapter())   // the router opens no streams
                .remoteAddress(new InetSocketAddress(uri.getHost(), port))
                .connect().addListener(connected -> {
                    if (!connected.isSuccess()) {
                        fail(ready, frames, socket, connected.cause());
                        return;
                    }
                    QuicChannel quic = (QuicChannel) connected.getNow();
                    quic.closeFuture().addListener(x -> socket.close());
                    quic.createStream(QuicStreamType.BIDIRECTIONAL, new ChannelInitializer<QuicStreamChannel>() {
                        @Override protected void initChannel(QuicStreamChannel ch) {
                            ch.pipeline().addLast(new Splitter(), frames);
                        }
                    }).addListener(created -> {
                        if (!created.isSuccess()) {
                            fail(ready, frames, socket, created.cause());
                            return;
                        }
                        QuicStreamChannel stream = (QuicStreamChannel) created.getNow();
                        stream.closeFuture().addListener(x -> quic.close());
                        if (!ready.complete(new ChannelLink(stream, frame -> frame, s -> s.close()))) stream.close();
                    });
                });
    }

    private static void fail(CompletableFuture<Link> ready, FrameHandler frames, Channel socket, Throwable cause) {
        if (ready.isDone()) return;
        frames.silence();
        ready.completeExceptionally(cause);
        socket.close();
    }

    private static final class Splitter extends ByteToMessageDecoder {
        private final FrameSplitter splitter = new FrameSplitter();

        @Override
        protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws DecodeException {
            ByteBuf frame;
            while ((frame = splitter.next(in)) != null) out.add(frame);
        }
    }
}
