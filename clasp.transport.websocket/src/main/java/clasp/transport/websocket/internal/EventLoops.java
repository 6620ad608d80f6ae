package clasp.transport.websocket.internal;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transport's Netty event loop groups, epoll or NIO: one acceptor thread (accepting never waits behind
 * connection I/O) and the I/O group, where each connection stays on one thread for its life.
 */
final class EventLoops {
    private static final Logger LOG = LoggerFactory.getLogger(EventLoops.class);
    private static final long QUIET_PERIOD_MILLIS = 50;

    private final EventLoopGroup boss;
    private final EventLoopGroup io;
    private final Class<? extends ServerSocketChannel> serverChannelType;
    private final String kind;

    private EventLoops(IoHandlerFactory factory, Class<? extends ServerSocketChannel> serverChannelType, String kind,
                       String threadPrefix, int ioThreads) {
        this.boss = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory(threadPrefix + "boss", true), factory);
        this.io = new MultiThreadIoEventLoopGroup(ioThreads, new DefaultThreadFactory(threadPrefix + "io", true), factory);
        this.serverChannelType = serverChannelType;
        this.kind = kind;
    }

    /** {@code ioThreads} 0: one per available processor. */
    static EventLoops create(boolean preferEpoll, String threadPrefix, int configuredIoThreads) {
        int ioThreads = configuredIoThreads > 0 ? configuredIoThreads : Runtime.getRuntime().availableProcessors();
        if (preferEpoll) {
            if (NativeEpoll.isAvailable()) {
                return new EventLoops(NativeEpoll.ioHandlerFactory(), NativeEpoll.serverChannelType(), "epoll", threadPrefix, ioThreads);
            }
            LOG.info("{}: native epoll not available, using NIO: {}", WebSocketTransport.PID, NativeEpoll.unavailabilityCause());
        }
        return new EventLoops(NioIoHandler.newFactory(), NioServerSocketChannel.class, "nio", threadPrefix, ioThreads);
    }

    EventLoopGroup boss() {
        return boss;
    }

    EventLoopGroup io() {
        return io;
    }

    Class<? extends ServerSocketChannel> serverChannelType() {
        return serverChannelType;
    }

    String kind() {
        return kind;
    }

    /** Shuts both groups down and waits for their threads to end; false if they did not within {@code timeout}. */
    boolean shutdown(Duration timeout) {
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
