package clasp.client.internal;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * {@code udp://}: one CLASP frame per datagram, on a datagram socket connected to the router (so only its datagrams
 * are read). Nothing tells a UDP client that the router went away except silence: the heartbeat detects it. A
 * datagram is at most 65,507 bytes; the port is required.
 */
public final class UdpConnector implements Connector {
    /** The largest UDP payload over IPv4. */
    public static final int MAX_DATAGRAM = 65_507;

    @Override
    public CompletableFuture<Link> open(URI uri, EventLoop loop, Duration timeout, Inbound inbound) {
        CompletableFuture<Link> ready = new CompletableFuture<>();
        FrameHandler frames = new FrameHandler(inbound);
        int port = Bootstraps.port(uri, 0);
        Bootstrap b = new Bootstrap().group(loop).channel(ChannelTypes.datagram(loop))
                .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(MAX_DATAGRAM))
                .handler(new ChannelInitializer<Channel>() {
                    @Override protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new Unwrap(), frames);
                    }
                });
        ChannelFuture f = b.connect(new InetSocketAddress(uri.getHost(), port));
        f.addListener(done -> {
            if (done.isSuccess()) ready.complete(new ChannelLink(f.channel(), frame -> frame));
            else Bootstraps.fail(ready, frames, f.channel(), done.cause());
        });
        return ready;
    }

    /** A datagram → its content. */
    private static final class Unwrap extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof DatagramPacket packet) {
                ctx.fireChannelRead(packet.content());
            } else {
                ReferenceCountUtil.release(msg);
            }
        }
    }
}
