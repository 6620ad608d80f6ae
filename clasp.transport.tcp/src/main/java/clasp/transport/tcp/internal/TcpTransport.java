package clasp.transport.tcp.internal;

import clasp.transport.netty.InstanceIds;
import clasp.transport.netty.Listeners;
import clasp.protocol.transport.Connection;
import clasp.protocol.transport.ConnectionAcceptor;
import clasp.protocol.transport.Transport;
import clasp.transport.netty.ChannelConnection;
import clasp.transport.netty.ConnectionLimits;
import clasp.transport.netty.EventLoops;
import clasp.transport.netty.OpenConnections;
import clasp.transport.netty.Refusals;
import clasp.transport.netty.ThreadNames;
import clasp.transport.netty.tls.ServerTls;
import clasp.transport.netty.tls.TlsSettings;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TCP transport, one instance per factory configuration: a {@link Transport} service that the router opens
 * with its {@link ConnectionAcceptor}. Frames travel with the 4-byte length prefix of D13, optionally inside TLS.
 * {@link #open} binds the socket; {@link #close} and deactivation close every connection and stop every thread it
 * started (all named {@value #THREAD_PREFIX}{@code <id>-…}). A configuration change is applied live by
 * {@link #modified}: another address rebinds the listening socket only (open connections stay), other event loops
 * restart the listener, anything else (frame limit, watermarks, TLS, limits) applies to the connections accepted
 * after it. While it listens with TLS it watches its key files: changed ones reach new connections without a restart.
 *
 * <p>Threads: {@code open}, {@code close}, {@code modified} and deactivation are serialised by this object's lock,
 * which guards every field but {@code setup} and {@code endpoint}; those are volatile because the event loops
 * (each new connection reads {@code setup}) and the router read them.
 */
@Component(configurationPid = TcpTransport.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = Transport.class, property = Transport.KIND + "=" + TcpTransport.KIND)
@Designate(ocd = TcpTransportConfig.class, factory = true)
public final class TcpTransport implements Transport {
    static final String PID = "clasp.transport.tcp";
    static final String KIND = "tcp";
    static final String THREAD_PREFIX = "clasp-transport-tcp-";

    private static final Logger LOG = LoggerFactory.getLogger(TcpTransport.class);
    private static final Duration CONNECTIONS_CLOSE_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(3);

    private final String id;
    private final Path dataFolder;
    private final OpenConnections<ChannelConnection> connections = new OpenConnections<>();
    private final ConnectionLimits limits;   // per address, kept across changes so the open counts stay right
    private volatile ConnectionSetup setup;  // the settings and their key material, swapped whole on a change
    private volatile String endpoint = "";
    private ConnectionAcceptor acceptor;     // set by open, until close
    private EventLoops eventLoops;
    private Refusals<TcpRefusal> refusals;
    private ServerBootstrap bootstrap;
    private Channel serverChannel;           // null while not listening

    /** Checks the configuration and loads its key material; nothing is bound until the router opens the instance. */
    @Activate
    public TcpTransport(TcpTransportConfig config, Map<String, Object> properties, BundleContext context) {
        this(config, properties, TlsSettings.dataFolder(context.getProperty(TlsSettings.DATA_FOLDER_PROPERTY)));
    }

    /** @param dataFolder the runtime's data folder, where the TLS development certificate is kept */
    TcpTransport(TcpTransportConfig config, Map<String, Object> properties, Path dataFolder) {
        this.id = InstanceIds.of(properties);
        this.dataFolder = dataFolder;
        try {
            this.setup = ConnectionSetup.of(TcpSettings.of(config, dataFolder), PID + " " + id);
        } catch (IllegalArgumentException e) {
            // DS reports a failed activation only through the OSGi log; an admin reads this one.
            LOG.error("{} (instance {}); the listener is not started", e.getMessage(), id);
            throw e;
        }
        TcpSettings s = setup.settings();
        this.limits = new ConnectionLimits(s.maxConnectionsPerIp(), s.maxHandshakesPerSecond());
    }

    @Override
    public synchronized void open(ConnectionAcceptor acceptor) {
        if (this.acceptor != null) throw new IllegalStateException(PID + " " + id + ": already open");
        this.acceptor = acceptor; // kept after a failed bind: a corrected configuration binds again
        start();
    }

    /** Starts the event loops and binds; on failure nothing is left running. */
    private void start() {
        TcpSettings s = setup.settings();
        Listeners.withLoaderOf(TcpTransport.class, () -> {
            eventLoops = EventLoops.create(PID, s.epoll(), THREAD_PREFIX + ThreadNames.safe(id) + "-", s.ioThreads());
            refusals = new Refusals<>(TcpRefusal.class, PID, id);
            bootstrap = new ServerBootstrap()
                    .group(eventLoops.boss(), eventLoops.io())
                    .channel(eventLoops.serverChannelType())
                    .option(ChannelOption.SO_REUSEADDR, true) // re-activation rebinds at once despite TIME_WAIT
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new TcpChannelInitializer(PID, acceptor, connections, refusals, () -> setup, limits));
            try {
                serverChannel = bind(s);
                refusals.start(eventLoops.boss());
                watchKeyFiles(setup);
            } catch (RuntimeException | Error e) {
                eventLoops.shutdown(SHUTDOWN_TIMEOUT); // a failed open leaves no thread behind
                eventLoops = null;
                throw e;
            }
        });
        listening();
    }

    /** New connections follow the key files of {@code current} while the listener runs; changes are looked for on the acceptor thread. */
    private void watchKeyFiles(ConnectionSetup current) {
        if (current.tls() != null) current.tls().watch(eventLoops.boss(), ServerTls.WATCH_INTERVAL);
    }

    private static void stopWatching(ConnectionSetup setup) {
        if (setup.tls() != null) setup.tls().stopWatching();
    }

    private Channel bind(TcpSettings s) {
        return Listeners.bind(bootstrap, s.host(), s.port(), LOG, PID + " " + id);
    }

    private void listening() {
        ConnectionSetup current = setup;
        TcpSettings s = current.settings();
        endpoint = s.scheme() + "://" + s.host() + ":" + localAddress().getPort();
        LOG.info("{} {}: listening for TCP clients on {} ({}{})", PID, id, endpoint, eventLoops.kind(),
                current.tls() == null ? "" : ", TLS with " + current.tls().keys().describe());
    }

    @Override
    public String endpoint() {
        return endpoint;
    }

    /**
     * Applies a changed configuration to the running listener. An invalid one, or one whose key material cannot be
     * loaded, is logged and ignored: the listener keeps its settings.
     */
    @Modified
    synchronized void modified(TcpTransportConfig config) {
        ConnectionSetup next;
        try {
            next = ConnectionSetup.of(TcpSettings.of(config, dataFolder), PID + " " + id);
        } catch (IllegalArgumentException e) {
            LOG.error("{} (instance {}); the listener keeps its previous configuration", e.getMessage(), id);
            return;
        }
        ConnectionSetup previous = setup;
        stopWatching(previous);
        setup = next;
        limits.configure(next.settings().maxConnectionsPerIp(), next.settings().maxHandshakesPerSecond());
        if (eventLoops != null) watchKeyFiles(next);
        if (acceptor == null) {
            return; // not opened yet: open binds with the new setup
        }
        if (eventLoops == null) {
            LOG.info("{} {}: binding again with the new settings", PID, id);
            retryStart();
        } else if (previous.settings().threadsDiffer(next.settings())) {
            LOG.info("{} {}: restarting for the new event loop settings", PID, id);
            stop();
            retryStart();
        } else if (!listeningAt(previous.settings(), next.settings())) {
            try {
                rebind(next.settings());
            } catch (RuntimeException e) {
                LOG.debug("{} {}: not listening after the change", PID, id, e); // bind() logged why
            }
        } else {
            listening();
            LOG.info("{} {}: new settings apply to connections accepted from now on", PID, id);
        }
    }

    /** Starts again after a failed start or for new event loops; a failure was logged and leaves nothing running. */
    private void retryStart() {
        try {
            start();
        } catch (RuntimeException e) {
            LOG.debug("{} {}: not listening after the change", PID, id, e);
        }
    }

    /** True if the socket bound for {@code previous} is the one {@code next} asks for (port 0 or the port it got). */
    private boolean listeningAt(TcpSettings previous, TcpSettings next) {
        return serverChannel != null && previous.host().equals(next.host())
                && (next.port() == previous.port() || next.port() == localAddress().getPort());
    }

    /**
     * Listens on {@code next}'s address, then releases the old one; open connections stay. When the new address
     * cannot be bound the old socket stays, unless it holds the very port asked for, which is then released first.
     */
    private void rebind(TcpSettings next) {
        Channel old = serverChannel;
        Channel fresh;
        try {
            fresh = bind(next);
        } catch (IllegalStateException busy) {
            if (old == null || next.port() != ((InetSocketAddress) old.localAddress()).getPort()) throw busy;
            old.close().awaitUninterruptibly(Listeners.BIND_TIMEOUT.toMillis());
            serverChannel = null;
            endpoint = "";
            old = null;
            fresh = bind(next);
        }
        serverChannel = fresh;
        if (old != null) old.close().awaitUninterruptibly(Listeners.BIND_TIMEOUT.toMillis());
        listening();
    }

    @Override
    public synchronized void close() {
        if (acceptor == null) return;
        stop();
        acceptor = null;
    }

    /** Stops listening, closes every connection after what is queued for it, ends every thread. */
    private void stop() {
        stopWatching(setup);
        if (serverChannel != null) {
            serverChannel.close().awaitUninterruptibly(CONNECTIONS_CLOSE_TIMEOUT.toMillis());
            serverChannel = null;
        }
        connections.closeAll(Connection.CLOSE_GOING_AWAY, "server stopping", CONNECTIONS_CLOSE_TIMEOUT);
        if (refusals != null) refusals.stop();
        if (eventLoops != null && !eventLoops.shutdown(SHUTDOWN_TIMEOUT)) {
            LOG.warn("{} {}: event loops did not stop within {}", PID, id, SHUTDOWN_TIMEOUT);
        }
        eventLoops = null;
        refusals = null;
        bootstrap = null;
        if (!endpoint.isEmpty()) LOG.info("{} {}: stopped listening on {}", PID, id, endpoint);
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
    synchronized String ioKind() {
        return eventLoops.kind();
    }

    /** The TLS server context new connections get; null without TLS. */
    ServerTls tls() {
        return setup.tls();
    }

    /** Everything of {@code kind} refused since the listener (re)started. */
    synchronized long refused(TcpRefusal kind) {
        return refusals.total(kind);
    }
}
