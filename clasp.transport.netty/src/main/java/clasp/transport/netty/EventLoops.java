package clasp.transport.netty;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A listener's Netty event loop groups, epoll or NIO: one acceptor thread (accepting never waits behind
 * connection I/O, and timers such as reports run there) and the I/O group, where each connection stays on one thread
 * for its life. Datagram transports use {@link #datagramChannelType()} on the I/O group.
 */
public final class EventLoops {
    private static final Logger LOG = LoggerFactory.getLogger(EventLoops.class);
    private static final long QUIET_PERIOD_MILLIS = 50;

    private final EventLoopGroup boss;
    private final EventLoopGroup io;
    private final Class<? extends ServerSocketChannel> serverChannelType;
    private final Class<? extends DatagramChannel> datagramChannelType;
    private final String kind;

    private EventLoops(IoHandlerFactory factory, Class<? extends ServerSocketChannel> serverChannelType,
                       Class<? extends DatagramChannel> datagramChannelType, String kind, String threadPrefix, int ioThreads) {
        this.boss = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory(threadPrefix + "boss", true), factory);
        this.io = new MultiThreadIoEventLoopGroup(ioThreads, new DefaultThreadFactory(threadPrefix + "io", true), factory);
        this.serverChannelType = serverChannelType;
        this.datagramChannelType = datagramChannelType;
        this.kind = kind;
    }

    /** {@code ioThreads} 0: one per available processor. */
    public static EventLoops create(String pid, boolean preferEpoll, String threadPrefix, int configuredIoThreads) {
        int ioThreads = configuredIoThreads > 0 ? configuredIoThreads : Runtime.getRuntime().availableProcessors();
        if (preferEpoll) {
            if (NativeEpoll.isAvailable()) {
                return new EventLoops(NativeEpoll.ioHandlerFactory(), NativeEpoll.serverChannelType(),
                        NativeEpoll.datagramChannelType(), "epoll", threadPrefix, ioThreads);
            }
            LOG.info("{}: native epoll not available, using NIO: {}", pid, NativeEpoll.unavailabilityCause());
        }
        return new EventLoops(NioIoHandler.newFactory(), NioServerSocketChannel.class, NioDatagramChannel.class, "nio", threadPrefix, ioThreads);
    }

    public EventLoopGroup boss() {
        return boss;
    }

    public EventLoopGroup io() {
        return io;
    }

    public Class<? extends ServerSocketChannel> serverChannelType() {
        return serverChannelType;
    }

    public Class<? extends DatagramChannel> datagramChannelType() {
        return datagramChannelType;
    }

    public String kind() {
        return kind;
    }

    /** Shuts both groups down and waits for their threads to end; false if they did not within {@code timeout}. */
    public boolean shutdown(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        boss.shutdownGracefully(QUIET_PERIOD_MILLIS, timeout.toMillis(), TimeUnit.MILLISECONDS);
        io.shutdownGracefully(QUIET_PERIOD_MILLIS, timeout.toMillis(), TimeUnit.MILLISECONDS);
        return boss.terminationFuture().awaitUninterruptibly(remainingMillis(deadline))
                & io.terminationFuture().awaitUninterruptibly(remainingMillis(deadline));
    }

    private static long remainingMillis(long deadlineNanos) {
        return Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
    }
}
