package clasp.bridge.sacn.internal;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.util.ArrayList;
import java.util.List;

/**
 * The instance's one UDP socket (IPv4, SO_REUSEADDR so that other E1.31 receivers on this host can share the port):
 * multicast goes out of the configured interface (with loopback on, so local receivers get it too), and the input
 * universes' groups are joined on it. Opened and read on the instance's I/O thread; {@link #send} may be called from
 * any thread.
 */
final class SacnSocket {
    /** What the socket reports, on the I/O thread. */
    interface Events {
        /** A datagram's bytes from {@code sender}, valid only during the call. */
        void packet(ByteBuf content, InetSocketAddress sender);

        /** Bound at {@code local}; {@code problems} names the groups that could not be joined (empty: all were). */
        void bound(InetSocketAddress local, List<String> problems);

        /** The socket could not be opened; nothing more happens. */
        void failed(String why);

        /** One datagram went out. */
        void sent();

        /** A datagram could not go out. */
        void notSent(String why);
    }

    private final EventLoopGroup group;
    private final Events events;
    private volatile DatagramChannel channel;
    private volatile boolean closed;

    SacnSocket(EventLoopGroup group, Events events) {
        this.group = group;
        this.events = events;
    }

    /** Binds {@code local} and joins {@code groups} on {@code nif}; reports {@link Events#bound} or {@link Events#failed}. */
    void open(InetSocketAddress local, NetworkInterface nif, List<InetAddress> groups) {
        new Bootstrap().group(group).channelFactory(() -> new NioDatagramChannel(SocketProtocolFamily.INET))
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.IP_MULTICAST_IF, nif)
                .handler(new Datagrams())
                .bind(local).addListener((ChannelFuture f) -> {
                    if (!f.isSuccess()) {
                        events.failed("cannot bind udp " + local.getHostString() + ":" + local.getPort() + ": " + f.cause().getMessage());
                        return;
                    }
                    DatagramChannel c = (DatagramChannel) f.channel();
                    channel = c;
                    if (closed) {
                        c.close();
                        return;
                    }
                    join(c, nif, groups, 0, new ArrayList<>());
                });
    }

    /** Joins the groups one after the other, then reports the socket bound. */
    private void join(DatagramChannel c, NetworkInterface nif, List<InetAddress> groups, int next, List<String> problems) {
        if (next == groups.size()) {
            events.bound(c.localAddress(), problems);
            return;
        }
        InetAddress g = groups.get(next);
        c.joinGroup(g, nif, null).addListener(f -> {
            if (!f.isSuccess()) problems.add("cannot join " + g.getHostAddress() + ": " + f.cause().getMessage());
            join(c, nif, groups, next + 1, problems);
        });
    }

    /** Sends a copy of {@code packet} to each target; the caller keeps its reference. */
    void send(ByteBuf packet, List<InetSocketAddress> targets) {
        DatagramChannel c = channel;
        if (c == null || !c.isActive()) {
            events.notSent("the socket is not open");
            return;
        }
        for (InetSocketAddress target : targets) {
            c.write(new DatagramPacket(packet.retainedDuplicate(), target)).addListener(f -> {
                if (f.isSuccess()) events.sent();
                else events.notSent("sending to " + target.getAddress().getHostAddress() + ":" + target.getPort() + ": " + f.cause().getMessage());
            });
        }
        c.flush();
    }

    /** Where the socket is bound, or null before it is. */
    InetSocketAddress localAddress() {
        DatagramChannel c = channel;
        return c == null ? null : c.localAddress();
    }

    void close() {
        closed = true;
        DatagramChannel c = channel;
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
