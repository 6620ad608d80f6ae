package clasp.transport.websocket.internal;

import clasp.transport.netty.ConnectionLimits;
import clasp.transport.netty.InstanceIds;
import clasp.transport.netty.Listeners;
import clasp.transport.netty.Refusals;
import clasp.transport.netty.OpenConnections;
import clasp.transport.netty.EventLoops;
import clasp.transport.netty.OutboundPath;
import clasp.transport.netty.ThreadNames;
import clasp.protocol.transport.ConnectionAcceptor;
import clasp.protocol.transport.Transport;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import clasp.transport.netty.tls.ServerTls;
import clasp.transport.netty.tls.TlsSettings;
import java.nio.file.Path;
import org.osgi.framework.BundleContext;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import clasp.api.http.HttpEndpoint;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSocket transport, one instance per factory configuration: a {@link Transport} service that the router
 * opens with its {@link ConnectionAcceptor}. {@link #open} binds the socket (quick; a failure is reported by the
 * router as the instance's state); {@link #close} and deactivation close every connection and stop every thread
 * it started (all named {@value #THREAD_PREFIX}{@code <id>-…}).
 *
 * <p>A configuration change applies live ({@link #modified}): connections accepted from then on get the new settings,
 * open ones keep theirs and stay open; a new host or port binds the new address before the old one is let go.
 * Only {@code epoll} and {@code ioThreads} need new event loops, so changing them closes and reopens the instance.
 * An instance whose open failed (a port in use) tries again with the changed configuration.
 *
 * <p>Threads: {@code open}, {@code close}, {@code modified} and deactivation are serialised on this object's monitor;
 * the connection pipelines read only the {@link WebSocketChannelInitializer} current when they were accepted.
 */
@Component(configurationPid = WebSocketTransport.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = Transport.class, property = Transport.KIND + "=" + WebSocketTransport.KIND)
@Designate(ocd = WebSocketTransportConfig.class, factory = true)
public final class WebSocketTransport implements Transport {
    static final String PID = "clasp.transport.websocket";
    static final String KIND = "websocket";
    static final String THREAD_PREFIX = "clasp-transport-websocket-";

    private static final Logger LOG = LoggerFactory.getLogger(WebSocketTransport.class);
    private static final Duration CONNECTIONS_CLOSE_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(3);

    private final String id;
    private final Path dataFolder;
    private final OpenConnections<WebSocketConnection> connections = new OpenConnections<>();
    private final OpenConnections<SseConnection> sseConnections = new OpenConnections<>();
    private WebSocketTransportConfig config;
    private ValidConfig valid;
    private ConnectionAcceptor acceptor;
    private EventLoops eventLoops;
    private Refusals<WebSocketRefusal> refusals;
    private ResumeBooks books;
    private PingSweep pings;
    private SseSweep sseSweep;
    private Channel serverChannel;
    private volatile WebSocketChannelInitializer initializer;
    private ServerTls tls;                    // the key material of the current initializer, watched while open
    private final ConnectionLimits limits;    // per address, kept across changes so the open counts stay right
    private volatile String endpoint = "";
    private final HttpRoutes httpRoutes = new HttpRoutes();   // filled by DS before and while open

    /** Checks the configuration only; nothing is bound until the router opens the instance. */
    @Activate
    public WebSocketTransport(WebSocketTransportConfig config, Map<String, Object> properties, BundleContext context) {
        this(config, properties, TlsSettings.dataFolder(context.getProperty(TlsSettings.DATA_FOLDER_PROPERTY)));
    }

    /** {@code dataFolder}: where the development certificate is kept (framework property {@code clasp.data}). */
    WebSocketTransport(WebSocketTransportConfig config, Map<String, Object> properties, Path dataFolder) {
        this.config = config;
        this.id = InstanceIds.of(properties);
        this.dataFolder = dataFolder;
        this.valid = checked(config);
        this.limits = new ConnectionLimits(config.maxConnectionsPerIp(), config.maxHandshakesPerSecond());
    }

    private ValidConfig checked(WebSocketTransportConfig config) {
        try {
            return ValidConfig.of(config);
        } catch (IllegalArgumentException e) {
            // DS reports a failed activation only through the OSGi log; an admin reads this one.
            LOG.error("{} (instance {}); the listener is not started", e.getMessage(), id);
            throw e;
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addHttpEndpoint(HttpEndpoint endpoint, Map<String, Object> properties) {
        httpRoutes.add(endpoint, properties.get(HttpEndpoint.PATH));
    }

    void removeHttpEndpoint(HttpEndpoint endpoint) {
        httpRoutes.remove(endpoint);
    }

    @Override
    public synchronized void open(ConnectionAcceptor acceptor) {
        if (serverChannel != null) throw new IllegalStateException(PID + " " + id + ": already open");
        this.acceptor = acceptor;   // kept after a failed open too: a configuration change tries again
        Listeners.withLoaderOf(WebSocketTransport.class, () -> {
            eventLoops = EventLoops.create(PID, config.epoll(), THREAD_PREFIX + ThreadNames.safe(id) + "-", config.ioThreads());
            refusals = new Refusals<>(WebSocketRefusal.class, PID, id);
            books = new ResumeBooks(Duration.ofSeconds(config.sseResumeSeconds()), config.sseResumeStreams());
            try {
                initializer = initializer(acceptor, config, valid);
                serverChannel = bind(valid, config.port());
                refusals.start(eventLoops.boss());
                startTimers();
                watchKeyFiles();
            } catch (RuntimeException | Error e) {
                eventLoops.shutdown(SHUTDOWN_TIMEOUT); // a failed open leaves no thread behind
                eventLoops = null;
                throw e;
            }
        });
        listening();
    }

    /**
     * The pipelines of {@code config}; with TLS its key material is loaded here (an IllegalStateException if it
     * cannot be) and becomes the one watched.
     */
    private WebSocketChannelInitializer initializer(ConnectionAcceptor acceptor, WebSocketTransportConfig config, ValidConfig valid) {
        SseEndpoint sse = config.sse()
                ? new SseEndpoint(acceptor, sseConnections, books, refusals, config.sseMaxQueuedBytes())
                : null;
        ServerTls nextTls = tls(config, valid);
        WebSocketChannelInitializer next = new WebSocketChannelInitializer(acceptor, connections, config, valid,
                sse, nextTls, limits, refusals, httpRoutes, id);
        if (tls != null) tls.stopWatching();
        tls = nextTls;
        return next;
    }

    /** New connections follow the key files while the listener runs; changes are looked for on the acceptor thread. */
    private void watchKeyFiles() {
        if (tls != null) tls.watch(eventLoops.boss(), ServerTls.WATCH_INTERVAL);
    }

    private ServerTls tls(WebSocketTransportConfig config, ValidConfig valid) {
        if (!config.tls()) return null;
        try {
            ServerTls loaded = ServerTls.load(ValidConfig.tls(config, valid.clientAuth(), dataFolder),
                    Duration.ofSeconds(config.handshakeTimeoutSeconds()), PID + " " + id);
            LOG.info("{} {}: TLS with {}", PID, id, loaded.keys().describe());
            return loaded;
        } catch (java.io.IOException | java.security.GeneralSecurityException | IllegalArgumentException e) {
            String message = "cannot load the TLS key material: " + e.getMessage();
            LOG.error("{} {}: {}", PID, id, message);
            throw new IllegalStateException(message, e);
        }
    }

    private void startTimers() {
        pings = new PingSweep(connections, config.pingIntervalSeconds());
        pings.start(eventLoops.boss());
        sseSweep = new SseSweep(sseConnections, config.sseHeartbeatSeconds(), refusals);
        sseSweep.start(eventLoops.boss());
    }

    private void listening() {
        endpoint = (config.tls() ? "wss://" : "ws://") + valid.host() + ":" + localAddress().getPort() + config.path();
        LOG.info("{} {}: listening for WebSocket clients on {} ({}, any path accepted{})", PID, id, endpoint,
                eventLoops.kind(), config.sse() ? "; SSE observer on " + SseEndpoint.PATH : "");
    }

    private Channel bind(ValidConfig valid, int port) {
        int inFlight = Math.min(OutboundPath.IN_FLIGHT_BYTES, config.writeBufferHighWaterMark());
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(eventLoops.boss(), eventLoops.io())
                .channel(eventLoops.serverChannelType())
                .option(ChannelOption.SO_REUSEADDR, true) // re-activation rebinds at once despite TIME_WAIT
                .childOption(ChannelOption.TCP_NODELAY, true)
                // The channel holds only the bytes in flight; the backlog waits, whole, in each OutboundPath.
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(inFlight / 2, inFlight))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        initializer.initChannel(channel);   // the one current when the connection came
                    }
                });
        return Listeners.bind(bootstrap, valid.host(), port, LOG, PID + " " + id);
    }

    /**
     * DS: the configuration changed. Applied live when the instance is open; an invalid configuration, or a new
     * address that cannot be bound, is logged and leaves the instance as it was.
     */
    @Modified
    synchronized void modified(WebSocketTransportConfig next) {
        ValidConfig nextValid;
        try {
            nextValid = ValidConfig.of(next);
        } catch (IllegalArgumentException e) {
            LOG.error("{} (instance {}); the previous configuration stays in force", e.getMessage(), id);
            return;
        }
        WebSocketTransportConfig before = config;
        limits.configure(next.maxConnectionsPerIp(), next.maxHandshakesPerSecond());
        if (serverChannel == null) {
            config = next;
            valid = nextValid;
            if (acceptor != null) {
                tryAgain();   // the router opened it and the open failed: the new settings may fix that
            }
            return;
        }
        if (before.epoll() != next.epoll() || before.ioThreads() != next.ioThreads()) {
            LOG.info("{} {}: new event loops ({} I/O threads, epoll {}): reopening", PID, id, next.ioThreads(), next.epoll());
            ConnectionAcceptor router = acceptor;
            close();
            config = next;
            valid = nextValid;
            acceptor = router;
            tryAgain();
            return;
        }
        config = next;
        if (before.sseResumeSeconds() != next.sseResumeSeconds() || before.sseResumeStreams() != next.sseResumeStreams()) {
            books = new ResumeBooks(Duration.ofSeconds(next.sseResumeSeconds()), next.sseResumeStreams());
        }
        WebSocketChannelInitializer previousInitializer = initializer;
        ServerTls previousTls = tls;
        try {
            initializer = initializer(acceptor, next, nextValid);
        } catch (IllegalStateException e) {
            config = before;   // key material that cannot be loaded: the listener stays as it was
            limits.configure(before.maxConnectionsPerIp(), before.maxHandshakesPerSecond());
            return;
        }
        boolean samePort = next.port() == before.port() || next.port() == localAddress().getPort();
        if (!Objects.equals(valid.host(), nextValid.host()) || !samePort) {
            if (!rebind(nextValid, next.port())) {
                config = before;
                initializer = previousInitializer;
                if (tls != null) tls.stopWatching();
                tls = previousTls;
                limits.configure(before.maxConnectionsPerIp(), before.maxHandshakesPerSecond());
                watchKeyFiles();
                return;
            }
        }
        valid = nextValid;
        pings.stop();
        sseSweep.stop();
        startTimers();
        watchKeyFiles();
        listening();
    }

    private void tryAgain() {
        try {
            open(acceptor);
        } catch (RuntimeException e) {
            LOG.error("{} {}: still not listening: {}", PID, id, e.getMessage());
        }
    }

    /** Binds the new address, then lets the old one go; open connections stay. False, still on the old one, on failure. */
    private boolean rebind(ValidConfig nextValid, int port) {
        Channel next;
        try {
            next = bind(nextValid, port);
        } catch (IllegalStateException e) {
            LOG.error("{} {}: staying on {}", PID, id, endpoint);
            return false;
        }
        serverChannel.close().awaitUninterruptibly(CONNECTIONS_CLOSE_TIMEOUT.toMillis());
        serverChannel = next;
        return true;
    }

    @Override
    public String endpoint() {
        return endpoint;
    }

    @Override
    public synchronized void close() {
        acceptor = null;   // closed by the router: no configuration change opens it again
        if (serverChannel == null) return;
        serverChannel.close().awaitUninterruptibly(CONNECTIONS_CLOSE_TIMEOUT.toMillis());
        sseConnections.closeAll(WebSocketCloseStatus.ENDPOINT_UNAVAILABLE.code(), "server stopping", CONNECTIONS_CLOSE_TIMEOUT);
        connections.closeAll(WebSocketCloseStatus.ENDPOINT_UNAVAILABLE.code(), "server stopping", CONNECTIONS_CLOSE_TIMEOUT);
        refusals.stop();
        pings.stop();
        sseSweep.stop();
        if (tls != null) tls.stopWatching();
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
    synchronized InetSocketAddress localAddress() {
        return (InetSocketAddress) serverChannel.localAddress();
    }

    /** "epoll" or "nio". */
    String ioKind() {
        return eventLoops.kind();
    }

    /** Closed SSE streams waiting to be resumed. */
    synchronized int parkedSseStreams() {
        return books.size();
    }

    /** The TLS server context new connections get; null without TLS. */
    synchronized ServerTls tls() {
        return tls;
    }

    Refusals<WebSocketRefusal> refusals() {
        return refusals;
    }

    int openSseStreams() {
        return sseConnections.size();
    }
}
