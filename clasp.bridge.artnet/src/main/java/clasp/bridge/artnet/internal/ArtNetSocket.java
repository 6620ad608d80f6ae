package clasp.bridge.artnet.internal;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * The bridge's one UDP socket, IPv4 (Art-Net knows no other), with SO_REUSEADDR (so that it can share port 6454 with another Art-Net program on the
 * host, each bound to its own address) and SO_BROADCAST. Datagrams are read and reported on the I/O thread; sends may
 * come from any thread (Netty hands them to the I/O thread).
 */
final class ArtNetSocket {
    /** What the socket reports, on the I/O thread. */
    interface Events {
        /** One datagram's bytes from {@code sender}, valid only during the call. */
        void packet(ByteBuf content, InetSocketAddress sender);

        void bound(InetSocketAddress local);

        /** The socket could not be opened; nothing more happens. */
        void failed(String why);

        void sent(int count);

        void notSent(String why);
    }

    private final EventLoopGroup group;
    private final InetSocketAddress local;
    private final Events events;
    private volatile Channel channel;

    ArtNetSocket(EventLoopGroup group, InetSocketAddress local, Events events) {
        this.group = group;
        this.local = local;
        this.events = events;
    }

    void open() {
        new Bootstrap().group(group).channelFactory(() -> new NioDatagramChannel(SocketProtocolFamily.INET))
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.SO_BROADCAST, true)
                .handler(new Datagrams())
                .bind(local)
                .addListener((ChannelFuture f) -> {
                    if (!f.isSuccess()) {
                        events.failed("cannot bind udp " + Hosts.hostPort(local) + ": " + f.cause().getMessage());
                        return;
                    }
                    channel = f.channel();
                    events.bound((InetSocketAddress) f.channel().localAddress());
                });
    }

    /** Sends a copy of {@code packet} to each target; the caller keeps its reference. */
    void send(ByteBuf packet, List<InetSocketAddress> targets) {
        Channel c = channel;
        if (c == null) {
            events.notSent("the socket is not bound");
            return;
        }
        for (InetSocketAddress target : targets) {
            c.write(new DatagramPacket(packet.retainedDuplicate(), target)).addListener(f -> {
                if (f.isSuccess()) events.sent(1);
                else events.notSent("sending to " + Hosts.hostPort(target) + ": " + f.cause().getMessage());
            });
        }
        c.flush();
    }

    /** Where it is bound, or null before {@link Events#bound}. */
    InetSocketAddress localAddress() {
        Channel c = channel;
        return c == null ? null : (InetSocketAddress) c.localAddress();
    }

    void close() {
        Channel c = channel;
        if (c != null) c.close();
    }

    private final class Datagrams extends SimpleChannelInboundHandler<DatagramPacket> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket datagram) {
            events.packet(datagram.content(), datagram.sender());
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            events.notSent("socket error: " + cause.getMessage());   // a send failure reported late (ICMP)
        }
    }
}
