package clasp.bridge.osc.internal;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.net.InetSocketAddress;
import java.util.List;

/** OSC over UDP: one datagram is one packet, both ways. */
final class UdpLink implements Link {
    private final EventLoopGroup group;
    private final InetSocketAddress local;
    private final Events events;
    private volatile Channel channel;

    UdpLink(EventLoopGroup group, InetSocketAddress local, Events events) {
        this.group = group;
        this.local = local;
        this.events = events;
    }

    @Override
    public void open() {
        new Bootstrap().group(group).channel(NioDatagramChannel.class).handler(new Datagrams()).bind(local)
                .addListener((ChannelFuture f) -> {
                    if (!f.isSuccess()) {
                        events.failed("cannot bind udp " + Hosts.hostPort(local) + ": " + f.cause().getMessage());
                        return;
                    }
                    channel = f.channel();
                    events.bound((InetSocketAddress) f.channel().localAddress());
                });
    }

    @Override
    public void send(ByteBuf packet, List<InetSocketAddress> targets) {
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

    @Override
    public InetSocketAddress localAddress() {
        Channel c = channel;
        return c == null ? null : (InetSocketAddress) c.localAddress();
    }

    @Override
    public void close() {
        Channel c = channel;
        if (c != null) c.close();
    }

    /** Datagrams in; the content is released after the handler. */
    private final class Datagrams extends SimpleChannelInboundHandler<DatagramPacket> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket datagram) {
            events.packet(datagram.content(), datagram.sender());
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            events.notSent("socket error: " + cause.getMessage());   // UDP: a send failure reported late (ICMP)
        }
    }
}
