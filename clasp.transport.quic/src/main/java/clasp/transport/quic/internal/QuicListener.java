package clasp.transport.quic.internal;

import clasp.protocol.transport.Connection;
import clasp.protocol.transport.ConnectionAcceptor;
import clasp.transport.netty.ChannelConnection;
import clasp.transport.netty.EventLoops;
import clasp.transport.netty.OpenConnections;
import clasp.transport.netty.OutboundPath;
import clasp.transport.netty.Refusals;
import clasp.transport.netty.ThreadNames;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.codec.quic.QuicCodecDispatcher;
import io.netty.handler.codec.quic.QuicConnectionIdGenerator;
import io.netty.handler.codec.quic.QuicServerCodecBuilder;
import io.netty.handler.codec.quic.QuicSslContext;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running QUIC listener: its event loops, its UDP socket(s) with the QUIC codec, its QUIC connections and their
 * sessions. {@link #start} binds (or throws, leaving no thread behind), {@link #stop} ends every session and
 * connection and every thread. A configuration change replaces the whole listener.
 *
 * <p>Threads: {@code start} and {@code stop} run on the caller's thread (the transport's, under its lock). Each QUIC
 * connection, with all its streams, lives on the event loop of the socket it arrived on; the codec, the
 * connections' and the streams' pipelines run there. {@link QuicConnections} and the sessions'
 * {@link OpenConnections} are thread-safe sets; the report of refusals runs on the boss thread.
 */
final class QuicListener {
    /** Bytes a client may send on one stream ahead of the server reading them (QUIC stream flow control). */
    static final long STREAM_WINDOW = 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(QuicListener.class);
    private static final Duration BIND_TIMEOUT = Duration.ofSeconds(4);
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(1);
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(3);

    private final String pid;
    private final String id;
    private final ListenerSettings settings;
    private final QuicSslContext ssl;
    private final ConnectionAcceptor acceptor;
    private final OpenConnections<ChannelConnection> sessions = new OpenConnections<>();
    private EventLoops eventLoops;
    private Refusals<QuicRefusal> refusals;
    private QuicConnections connections;
    private final List<Channel> sockets = new ArrayList<>();

    QuicListener(String pid, String id, ListenerSettings settings, QuicSslContext ssl, ConnectionAcceptor acceptor) {
        this.pid = pid;
        this.id = id;
        this.settings = settings;
        this.ssl = ssl;
        this.acceptor = acceptor;
    }

    /** Binds the UDP socket(s); an IllegalStateException naming the address if that fails. */
    void start() {
        // One thread per UDP socket: several sockets on one port need epoll; otherwise one socket, one thread.
        int threads = settings.epoll() && settings.ioThreads() > 1 && ReusePort.available() ? settings.ioThreads() : 1;
        eventLoops = EventLoops.create(pid, settings.epoll(), QuicTransport.THREAD_PREFIX + ThreadNames.safe(id) + "-", threads);
        refusals = new Refusals<>(QuicRefusal.class, pid, id);
        connections = new QuicConnections(refusals);
        try {
            bind();
            refusals.start(eventLoops.boss());
        } catch (RuntimeException | Error e) {
            sockets.forEach(Channel::close);
            sockets.clear();
            eventLoops.shutdown(SHUTDOWN_TIMEOUT); // a failed start leaves no thread behind
            throw e;
        }
    }

    private void bind() {
        boolean reusePort = settings.ioThreads() > 1 && "epoll".equals(eventLoops.kind());
        int count = reusePort ? settings.ioThreads() : 1;
        if (settings.ioThreads() > 1 && !reusePort) {
            LOG.info("{} {}: ioThreads {} needs native epoll (SO_REUSEPORT); one thread serves", pid, id, settings.ioThreads());
        }
        Bootstrap bootstrap = new Bootstrap().group(eventLoops.io()).channel(eventLoops.datagramChannelType());
        if (reusePort) {
            bootstrap = ReusePort.on(bootstrap).handler(new QuicCodecDispatcher() {
                @Override
                protected void initChannel(Channel channel, int idLength, QuicConnectionIdGenerator ids) {
                    channel.pipeline().addLast(codec().localConnectionIdLength(idLength).connectionIdAddressGenerator(ids).build());
                }
            });
        } else {
            bootstrap = bootstrap.handler(codec().build());
        }
        int port = settings.port();
        for (int i = 0; i < count; i++) {
            Channel socket = bound(bootstrap, port);
            sockets.add(socket);
            port = ((InetSocketAddress) socket.localAddress()).getPort(); // the others share the first one's port
        }
    }

    private QuicServerCodecBuilder codec() {
        int inFlight = Math.min(OutboundPath.IN_FLIGHT_BYTES, settings.writeBufferHighWaterMark());
        return new QuicServerCodecBuilder()
                .sslContext(ssl)
                .maxIdleTimeout(settings.idleTimeoutSeconds(), TimeUnit.SECONDS)
                .initialMaxData(STREAM_WINDOW * settings.maxStreams())
                .initialMaxStreamDataBidirectionalRemote(STREAM_WINDOW)
                .initialMaxStreamDataBidirectionalLocal(0)
                .initialMaxStreamDataUnidirectional(0)
                .initialMaxStreamsBidirectional(settings.maxStreams())
                .initialMaxStreamsUnidirectional(0)
                .tokenHandler(NoRetry.INSTANCE)
                .handler(connections)
                // The stream holds only the bytes in flight; the backlog waits, whole, in each session's OutboundPath.
                .streamOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(inFlight / 2, inFlight))
                .streamHandler(new QuicStreamInitializer(pid, settings, acceptor, sessions, refusals));
    }

    private Channel bound(Bootstrap bootstrap, int port) {
        ChannelFuture bound = bootstrap.bind(new InetSocketAddress(settings.host(), port));
        if (!bound.awaitUninterruptibly(BIND_TIMEOUT.toMillis()) || !bound.isSuccess()) {
            Throwable cause = bound.isDone() ? bound.cause() : null;
            bound.channel().close();
            throw new IllegalStateException("cannot listen on UDP " + settings.host() + ":" + port + ": " + (cause == null
                    ? "bind timed out" : cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage()), cause);
        }
        return bound.channel();
    }

    /** Ends every session (after its queued frames), then every QUIC connection, then the sockets and threads. */
    void stop() {
        sessions.closeAll(Connection.CLOSE_GOING_AWAY, "server stopping", CLOSE_GRACE);
        connections.closeAll(CLOSE_GRACE);
        for (Channel socket : sockets) {
            socket.close().awaitUninterruptibly(CLOSE_GRACE.toMillis());
        }
        refusals.stop();
        if (!eventLoops.shutdown(SHUTDOWN_TIMEOUT)) {
            LOG.warn("{} {}: event loops did not stop within {}",
                    pid, id, SHUTDOWN_TIMEOUT);
        }
    }

    /** The address actually bound (useful with port 0). */
    InetSocketAddress localAddress() {
        return (InetSocketAddress) sockets.get(0).localAddress();
    }

    /** The thread for the listener's timers (refusal reports, key file checks); valid between start and stop. */
    java.util.concurrent.ScheduledExecutorService timers() {
        return eventLoops.boss();
    }

    String ioKind() {
        return eventLoops.kind();
    }

    /** UDP sockets bound, each served by a thread of its own. */
    int threads() {
        return sockets.size();
    }

    ListenerSettings settings() {
        return settings;
    }

    /** Sessions (streams) open now. */
    int sessionCount() {
        return sessions.size();
    }

    /** QUIC connections established now. */
    int connectionCount() {
        return connections.size();
    }

    long refusals(QuicRefusal kind) {
        return refusals.total(kind);
    }
}
