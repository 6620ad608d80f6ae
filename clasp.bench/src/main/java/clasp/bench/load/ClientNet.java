package clasp.bench.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;

/** The client side's Netty event loops (native epoll when available, else NIO), shared by every client. */
public final class ClientNet implements AutoCloseable {
    private final EventLoopGroup group;
    private final boolean epoll;

    public ClientNet(int threads) {
        epoll = Epoll.isAvailable();
        DefaultThreadFactory threadFactory = new DefaultThreadFactory("bench-client", true);
        group = new MultiThreadIoEventLoopGroup(threads, threadFactory,
                epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    }

    /** A bootstrap on the shared loops, with TCP_NODELAY as both brokers under test set it. */
    Bootstrap bootstrap() {
        return new Bootstrap()
                .group(group)
                .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 30_000);
    }

    String kind() { return epoll ? "epoll" : "nio"; }

    /** The loops themselves, shared by the CLASP client library's clients. */
    public EventLoopGroup group() { return group; }

    /** A loopback TCP port that was free a moment ago. */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
