package clasp.adapter.mqtt.internal;

import clasp.protocol.transport.Connection;
import clasp.protocol.transport.ConnectionAcceptor;
import clasp.protocol.transport.Transport;
import clasp.transport.netty.EventLoops;
import clasp.transport.netty.InstanceIds;
import clasp.transport.netty.Listeners;
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
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MQTT server adapter, one instance per factory configuration: a {@link Transport} of kind {@value #KIND} that
 * the router opens with its {@link ConnectionAcceptor}. Each MQTT client becomes one router connection after a valid
 * CONNECT ({@link MqttSession}); the router sees CLASP frames only. {@link #open} binds; {@link #close} and
 * deactivation close every client and stop every thread it started (all named {@value #THREAD_PREFIX}{@code <id>-…}).
 * A configuration change restarts the component (DS), so the listener binds again with the new settings. With TLS
 * it watches its key files while it listens: changed ones reach new connections without a restart.
 *
 * <p>Threads: {@code open}, {@code close} and deactivation are serialised by this object's lock, which guards every
 * field but {@code endpoint} (volatile, read by the router) and the final ones, which the event loops share.
 */
@Component(configurationPid = MqttTransport.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = Transport.class, property = Transport.KIND + "=" + MqttTransport.KIND)
@Designate(ocd = MqttTransportConfig.class, factory = true)
public final class MqttTransport implements Transport {
    static final String PID = "clasp.transport.mqtt";
    static final String KIND = "mqtt";
    static final String THREAD_PREFIX = "clasp-adapter-mqtt-";

    private static final Logger LOG = LoggerFactory.getLogger(MqttTransport.class);
    private static final Duration CONNECTIONS_CLOSE_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(3);

    private final String id;
    private final MqttSettings settings;
    private final OpenConnections<MqttConnection> connections = new OpenConnections<>();
    private final ClientIds clientIds = new ClientIds();
    private ParkedSessions parked;
    private volatile String endpoint = "";
    private ConnectionAcceptor acceptor;
    private EventLoops eventLoops;
    private Refusals<MqttRefusal> refusals;
    private Channel serverChannel;

    /** Checks the configuration and loads its key material; nothing is bound until the router opens the instance. */
    @Activate
    public MqttTransport(MqttTransportConfig config, Map<String, Object> properties, BundleContext context) {
        this(config, properties, TlsSettings.dataFolder(context.getProperty(TlsSettings.DATA_FOLDER_PROPERTY)));
    }

    MqttTransport(MqttTransportConfig config, Map<String, Object> properties, Path dataFolder) {
        this.id = InstanceIds.of(properties);
        try {
            this.settings = MqttSettings.of(config, dataFolder);
        } catch (IllegalArgumentException e) {
            LOG.error("{} (instance {}); the listener is not started", e.getMessage(), id);
            throw e;
        }
    }

    @Override
    public synchronized void open(ConnectionAcceptor acceptor) {
        if (this.acceptor != null) throw new IllegalStateException(PID + " " + id + ": already open");
        this.acceptor = acceptor;
        Listeners.withLoaderOf(MqttTransport.class, () -> {
            eventLoops = EventLoops.create(PID, settings.epoll(), THREAD_PREFIX + ThreadNames.safe(id) + "-", settings.ioThreads());
            refusals = new Refusals<>(MqttRefusal.class, PID, id);
            parked = new ParkedSessions();
            ServerBootstrap bootstrap = new ServerBootstrap()
                    .group(eventLoops.boss(), eventLoops.io())
                    .channel(eventLoops.serverChannelType())
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new MqttChannelInitializer(settings, acceptor, connections, clientIds, parked, refusals));
            try {
                serverChannel = Listeners.bind(bootstrap, settings.host(), settings.port(), LOG, PID + " " + id);
                refusals.start(eventLoops.boss());
                if (settings.tls() != null) settings.tls().watch(eventLoops.boss(), ServerTls.WATCH_INTERVAL);
            } catch (RuntimeException | Error e) {
                eventLoops.shutdown(SHUTDOWN_TIMEOUT);
                eventLoops = null;
                throw e;
            }
        });
        endpoint = settings.scheme() + "://" + settings.host() + ":" + localAddress().getPort();
        LOG.info("{} {}: listening for MQTT clients on {} ({}), topics under {}", PID, id, endpoint, eventLoops.kind(),
                settings.namespace());
    }

    @Override
    public String endpoint() {
        return endpoint;
    }

    @Override
    public synchronized void close() {
        if (acceptor == null) return;
        if (serverChannel != null) {
            serverChannel.close().awaitUninterruptibly(CONNECTIONS_CLOSE_TIMEOUT.toMillis());
            serverChannel = null;
        }
        connections.closeAll(Connection.CLOSE_GOING_AWAY, "server stopping", CONNECTIONS_CLOSE_TIMEOUT);
        if (parked != null) parked.discardAll();
        if (settings.tls() != null) settings.tls().stopWatching();
        if (refusals != null) refusals.stop();
        if (eventLoops != null && !eventLoops.shutdown(SHUTDOWN_TIMEOUT)) {
            LOG.warn("{} {}: event loops did not stop within {}", PID, id, SHUTDOWN_TIMEOUT);
        }
        eventLoops = null;
        refusals = null;
        acceptor = null;
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

    /** Everything of {@code kind} counted since the listener started. */
    synchronized long refused(MqttRefusal kind) {
        return refusals.total(kind);
    }

    /** Persistent sessions whose clients are away. */
    synchronized int parkedSessions() {
        return parked == null ? 0 : parked.size();
    }

    /** Clients connected (past CONNECT) right now. */
    int clients() {
        return clientIds.size();
    }
}
