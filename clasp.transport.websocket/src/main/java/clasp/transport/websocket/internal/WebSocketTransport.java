package clasp.transport.websocket.internal;

import clasp.transport.netty.Refusals;
import clasp.transport.netty.OpenConnections;
import clasp.transport.netty.EventLoops;
import clasp.transport.netty.OutboundPath;
import clasp.transport.netty.ThreadNames;
import clasp.protocol.transport.ConnectionAcceptor;
import clasp.protocol.transport.Transport;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSocket transport, one instance per factory configuration: a {@link Transport} service that the router
 * opens with its {@link ConnectionAcceptor}. {@link #open} binds the socket (quick; a failure is reported by the
 * router as the instance's state); {@link #close} and deactivation close every connection and stop every thread
 * it started (all named {@value #THREAD_PREFIX}{@code <id>-…}).
 */
@Component(configurationPid = WebSocketTransport.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = Transport.class, property = Transport.KIND + "=" + WebSocketTransport.KIND)
@Designate(ocd = WebSocketTransportConfig.class, factory = true)
public final class WebSocketTransport implements Transport {
    static final String PID = "clasp.transport.websocket";
    static final String KIND = "websocket";
    static final String THREAD_PREFIX = "clasp-transport-websocket-";

    private static final Logger LOG = LoggerFactory.getLogger(WebSocketTransport.class);
    private static final Duration BIND_TIMEOUT = Duration.ofSeconds(4);
    private static final Duration CONNECTIONS_CLOSE_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(3);

    private final WebSocketTransportConfig config;
    private final ValidConfig valid;
    private final String id;
    private final OpenConnections<WebSocketConnection> connections = new OpenConnections<>();
    private EventLoops eventLoops;
    private Refusals<WebSocketRefusal> refusals;
    private PingSweep pings;
    private Channel serverChannel;
    private volatile String endpoint = "";

    /** Checks the configuration only; nothing is bound until the router opens the instance. */
    @Activate
    public WebSocketTransport(WebSocketTransportConfig config, Map<String, Object> properties) {
        this.config = config;
        this.id = instanceId(properties);
        try {
            this.valid = ValidConfig.of(config);
        } catch (IllegalArgumentException e) {
            // DS reports a failed activation only through the OSGi log; an admin reads this one.
            LOG.error("{} (instance {}); the listener is not started", e.getMessage(), id);
            throw e;
        }
    }

    /** {@code clasp.transport.id}, else the factory configuration's name ({@code …websocket~name}). */
    static String instanceId(Map<String, Object> properties) {
        Object id = properties.get(Transport.ID);
        if (id != null && !id.toString().isBlank()) return id.toString();
        Object pid = properties.get("service.pid");
        String p = pid == null ? "default" : pid.toString();
        int tilde = p.lastIndexOf('~');
        return tilde >= 0 ? p.substring(tilde + 1) : p;
    }

    @Override
    public synchronized void open(ConnectionAcceptor acceptor) {
        if (serverChannel != null) throw new IllegalStateException(PID + " " + id + ": already open");
        String configured = valid.host() + ":" + config.port();
        // Netty looks up resources and native libraries through the context class loader: use this bundle's.
        Thread current = Thread.currentThread();
        ClassLoader previous = current.getContextClassLoader();
        current.setContextClassLoader(WebSocketTransport.class.getClassLoader());
        try {
            eventLoops = EventLoops.create(PID, config.epoll(), THREAD_PREFIX + ThreadNames.safe(id) + "-", config.ioThreads());
            refusals = new Refusals<>(WebSocketRefusal.class, PID, id);
            try {
                serverChannel = bind(acceptor, configured);
                refusals.start(eventLoops.boss());
                pings = new PingSweep(connections, config.pingIntervalSeconds());
                pings.start(eventLoops.boss());
            } catch (RuntimeException | Error e) {
                eventLoops.shutdown(SHUTDOWN_TIMEOUT); // a failed open leaves no thread behind
                eventLoops = null;
                throw e;
            }
        } finally {
            current.setContextClassLoader(previous);
        }
        endpoint = "ws://" + valid.host() + ":" + localAddress().getPort() + config.path();
        LOG.info("{} {}: listening for WebSocket clients on {} ({}, any path accepted)", PID, id, endpoint, eventLoops.kind());
    }

    private Channel bind(ConnectionAcceptor acceptor, String configured) {
        int inFlight = Math.min(OutboundPath.IN_FLIGHT_BYTES, config.writeBufferHighWaterMark());
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(eventLoops.boss(), eventLoops.io())
                .channel(eventLoops.serverChannelType())
                .option(ChannelOption.SO_REUSEADDR, true) // re-activation rebinds at once despite TIME_WAIT
                .childOption(ChannelOption.TCP_NODELAY, true)
                // The channel holds only the bytes in flight; the backlog waits, whole, in each OutboundPath.
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(inFlight / 2, inFlight))
                .childHandler(new WebSocketChannelInitializer(acceptor, connections, config.maxFrameBytes(),
                        config.writeBufferHighWaterMark(), config.writeBufferLowWaterMark(),
                        config.maxPendingUpgrades(), refusals));
        ChannelFuture bound = bootstrap.bind(new InetSocketAddress(valid.host(), config.port()));
        if (!bound.awaitUninterruptibly(BIND_TIMEOUT.toMillis()) || !bound.isSuccess()) {
            Throwable cause = bound.isDone() ? bound.cause() : null;
            String message = "cannot listen on " + configured + ": " + (cause == null ? "bind timed out"
                    : cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
            LOG.error("{} {}: {}", PID, id, message);
            bound.channel().close();
            throw new IllegalStateException(message, cause);
        }
        return bound.channel();
    }

    @Override
    public String endpoint() {
        return endpoint;
    }

    @Override
    public synchronized void close() {
        if (serverChannel == null) return;
        serverChannel.close().awaitUninterruptibly(CONNECTIONS_CLOSE_TIMEOUT.toMillis());
        connections.closeAll(WebSocketCloseStatus.ENDPOINT_UNAVAILABLE.code(), "server stopping", CONNECTIONS_CLOSE_TIMEOUT);
        refusals.stop();
        pings.stop();
        if (!eventLoops.shutdown(SHUTDOWN_TIMEOUT)) {
            LOG.warn("{} {}: event loops did not stop within {}", PID, id, SHUTDOWN_TIMEOUT);
        }
        serverChannel = null;
        eventLoops = null;
        LOG.info("{} {}: stopped listening on {}", PID, id, endpoint);
        endpoint = "";
    }

    /** Releases everything even if the router never closed the instance (router gone first). */
    @Deactivate
    void deactivate() {
        close();
    }

    /** The address actually bound (useful with port 0). */
    InetSocketAddress localAddress() {
        return (InetSocketAddress) serverChannel.localAddress();
    }

    /** "epoll" or "nio". */
    String ioKind() {
        return eventLoops.kind();
    }
}
