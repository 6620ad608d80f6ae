package clasp.client.internal;

import clasp.protocol.DecodeException;
import clasp.protocol.LengthPrefixSplitter;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@code tcp://} and {@code tcps://}: each frame behind a 4-byte big-endian length (D13), split with
 * {@link LengthPrefixSplitter}; a bad prefix closes the connection. The port is required.
 */
public final class TcpConnector implements Connector {
    private final SslContext tls;

    /** {@code tls} null: plain {@code tcp}. */
    public TcpConnector(SslContext tls) {
        this.tls = tls;
    }

    @Override
    public CompletableFuture<Link> open(URI uri, EventLoop loop, Duration timeout, Inbound inbound) {
        CompletableFuture<Link> ready = new CompletableFuture<>();
        FrameHandler frames = new FrameHandler(inbound);
        int port = Bootstraps.port(uri, 0);
        Bootstrap b = Bootstraps.tcp(loop, timeout).handler(new ChannelInitializer<Channel>() {
            @Override protected void initChannel(Channel ch) {
                if (tls != null) ch.pipeline().addLast(TlsContexts.handler(tls, ch.alloc(), uri, port));
                ch.pipeline().addLast(new Splitter(), new Ready(ready, tls != null), frames);
            }
        });
        Bootstraps.connect(b, uri, port, timeout, loop, ready, frames);
        return ready;
    }

    /** The prefix and the frame, without copying the frame. */
    static Object prefixed(Channel channel, ByteBuf frame) {
        CompositeByteBuf out = channel.alloc().compositeBuffer(2);
        out.addComponent(true, channel.alloc().buffer(4).writeInt(frame.readableBytes()));
        out.addComponent(true, frame);
        return out;
    }

    private static final class Splitter extends ByteToMessageDecoder {
        private final LengthPrefixSplitter splitter = new LengthPrefixSplitter();

        @Override
        protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws DecodeException {
            ByteBuf frame;
            while ((frame = splitter.next(in)) != null) out.add(frame);
        }
    }

    /** Ready once connected, or once the TLS handshake succeeded. */
    private static final class Ready extends ChannelInboundHandlerAdapter {
        private final CompletableFuture<Link> ready;
        private final boolean tls;

        Ready(CompletableFuture<Link> ready, boolean tls) {
            this.ready = ready;
            this.tls = tls;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) throws Exception {
            if (!tls) ready.complete(link(ctx.channel()));
            super.channelActive(ctx);
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
            if (event instanceof SslHandshakeCompletionEvent e) {
                if (e.isSuccess()) ready.complete(link(ctx.channel()));
                else if (ready.completeExceptionally(e.cause())) ctx.close();
            }
            super.userEventTriggered(ctx, event);
        }

        private static Link link(Channel channel) {
            return new ChannelLink(channel, frame -> prefixed(channel, frame));
        }
    }
}
