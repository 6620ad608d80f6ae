package clasp.bridge.osc.internal;

import clasp.osc.SlipEncoder;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * OSC 1.1 over TCP: the bridge listens for peers that connect to it, and connects to each configured peer itself,
 * reconnecting with a doubling delay (0.5 s up to 30 s) while the peer is away. Packets go out SLIP-framed
 * (double END); both kinds of connection also bring packets in ({@link StreamFrames}). A packet for a peer that is
 * not connected, or whose connection does not take more (write buffer full), is not sent and is reported.
 */
final class TcpLink implements Link {
    private static final long FIRST_RETRY_MS = 500;
    private static final long LAST_RETRY_MS = 30_000;

    private final EventLoopGroup group;
    private final InetSocketAddress local;
    private final List<InetSocketAddress> peers;
    private final int maxPacketBytes;
    private final Events events;
    private final Map<InetSocketAddress, Channel> connected = new ConcurrentHashMap<>();
    private volatile Channel server;
    private volatile boolean closed;

    TcpLink(EventLoopGroup group, InetSocketAddress local, List<InetSocketAddress> peers, int maxPacketBytes, Events events) {
        this.group = group;
        this.local = local;
        this.peers = peers;
        this.maxPacketBytes = maxPacketBytes;
        this.events = events;
    }

    @Override
    public void open() {
        new ServerBootstrap().group(group).channel(NioServerSocketChannel.class).childHandler(initializer(null))
                .bind(local).addListener((ChannelFuture f) -> {
                    if (!f.isSuccess()) {
                        events.failed("cannot listen on tcp " + Hosts.hostPort(local) + ": " + f.cause().getMessage());
                        return;
                    }
                    server = f.channel();
                    events.bound((InetSocketAddress) f.channel().localAddress());
                    for (InetSocketAddress peer : peers) connect(peer, FIRST_RETRY_MS);
                });
    }

    private void connect(InetSocketAddress peer, long nextDelayMs) {
        if (closed) return;
        new Bootstrap().group(group).channel(NioSocketChannel.class).option(ChannelOption.TCP_NODELAY, true)
                .handler(initializer(peer)).connect(peer).addListener((ChannelFuture f) -> {
                    if (f.isSuccess()) {
                        f.channel().closeFuture().addListener(c -> retry(peer, FIRST_RETRY_MS));
                    } else {
                        retry(peer, Math.min(LAST_RETRY_MS, nextDelayMs * 2));
                    }
                });
    }

    private void retry(InetSocketAddress peer, long delayMs) {
        if (!closed) group.schedule(() -> connect(peer, delayMs), delayMs, TimeUnit.MILLISECONDS);
    }

    /** Frames in, and the connection known by its peer address while it is open ({@code peer} null: accepted). */
    private ChannelInitializer<SocketChannel> initializer(InetSocketAddress peer) {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                ch.pipeline().addLast(new StreamFrames(maxPacketBytes, events), new Tracked(peer));
            }
        };
    }

    @Override
    public void send(ByteBuf packet, List<InetSocketAddress> targets) {
        for (InetSocketAddress target : targets) {
            Channel c = connected.get(target);
            if (c == null || !c.isActive()) {
                events.notSent("no tcp connection to " + Hosts.hostPort(target));
            } else if (!c.isWritable()) {
                events.notSent(Hosts.hostPort(target) + " does not keep up (tcp write buffer full)");
            } else {
                ByteBuf framed = c.alloc().buffer(packet.readableBytes() + 8);
                SlipEncoder.encode(packet, framed);
                c.writeAndFlush(framed).addListener(f -> {
                    if (f.isSuccess()) events.sent(1);
                    else events.notSent("sending to " + Hosts.hostPort(target) + ": " + f.cause().getMessage());
                });
            }
        }
    }

    @Override
    public InetSocketAddress localAddress() {
        Channel s = server;
        return s == null ? null : (InetSocketAddress) s.localAddress();
    }

    @Override
    public void close() {
        closed = true;
        Channel s = server;
        if (s != null) s.close();
        connected.values().forEach(Channel::close);
    }

    /** Keeps the open connections by peer address (configured peers by their configured address). */
    private final class Tracked extends ChannelInboundHandlerAdapter {
        private final InetSocketAddress peer;
        private InetSocketAddress key;

        Tracked(InetSocketAddress peer) {
            this.peer = peer;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            key = peer != null ? peer : (InetSocketAddress) ctx.channel().remoteAddress();
            connected.put(key, ctx.channel());
            if (closed) ctx.close();
            ctx.fireChannelActive();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (key != null) connected.remove(key, ctx.channel());
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();   // a reset or refused connection: it goes, a configured peer is reconnected
        }
    }
}
