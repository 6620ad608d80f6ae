package clasp.adapter.osc.internal;

import clasp.api.discovery.Announcement;
import clasp.protocol.transport.ConnectionAcceptor;
import clasp.protocol.transport.Transport;
import clasp.transport.netty.EventLoops;
import clasp.transport.netty.InstanceIds;
import clasp.transport.netty.Listeners;
import clasp.transport.netty.Refusals;
import clasp.transport.netty.ThreadNames;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OSC server adapter, one instance per factory configuration: a {@link Transport} of kind {@value #KIND} that the
 * router opens with its {@link ConnectionAcceptor}. Each OSC peer address is one router connection ({@link OscLink});
 * the router sees CLASP frames only, so every write passes its authoriser, limits and hooks. {@link #open} binds the
 * datagram socket; {@link #close} and deactivation end every session and stop every thread it started (all named
 * {@value #THREAD_PREFIX}{@code <id>-…}). A configuration change restarts the component (DS), so the listener binds
 * again with the new settings. While it listens it registers an {@link Announcement} of {@code _osc._udp} on its port,
 * which the discovery bundle, when it runs, announces over mDNS.
 *
 * <p>Threads: {@code open}, {@code close} and deactivation are serialised by this object's lock, which guards every
 * field but {@code endpoint} (volatile, read by the router) and the final ones.
 */
@Component(configurationPid = OscTransport.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = Transport.class, property = Transport.KIND + "=" + OscTransport.KIND)
@Designate(ocd = OscTransportConfig.class, factory = true)
public final class OscTransport implements Transport {
    static final String PID = "clasp.transport.osc";
    static final String KIND = "osc";
    static final String THREAD_PREFIX = "clasp-adapter-osc-";

    private static final Logger LOG = LoggerFactory.getLogger(OscTransport.class);
    private static final Duration SESSIONS_CLOSE_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(3);

    private final String id;
    private final OscSettings settings;
    private final Refusals<OscRefusal> refusals;
    private final BundleContext context;   // null outside a framework: nothing is announced
    private ServiceRegistration<Announcement> announcement;
    private volatile String endpoint = "";
    private ConnectionAcceptor acceptor;
    private EventLoops eventLoops;
    private OscLink link;
    private Channel channel;

    /** Checks the configuration only; nothing is bound until the router opens the instance. */
    @Activate
    public OscTransport(BundleContext context, OscTransportConfig config, Map<String, Object> properties) {
        this.context = context;
        this.id = InstanceIds.of(properties);
        try {
            this.settings = OscSettings.of(config);
        } catch (IllegalArgumentException e) {
            // DS reports a failed activation only through the OSGi log; an admin reads this one.
            LOG.error("{} (instance {}); the listener is not started", e.getMessage(), id);
            throw e;
        }
        this.refusals = new Refusals<>(OscRefusal.class, PID, id);
    }

    /** An instance outside a framework (tests): the same, never announced. */
    public OscTransport(OscTransportConfig config, Map<String, Object> properties) {
        this(null, config, properties);
    }

    @Override
    public synchronized void open(ConnectionAcceptor acceptor) {
        if (this.acceptor != null) throw new IllegalStateException(PID + " " + id + ": already open");
        this.acceptor = acceptor;
        Listeners.withLoaderOf(OscTransport.class, () -> {
            // One socket is served by one thread: the I/O group has one.
            eventLoops = EventLoops.create(PID, settings.epoll(), THREAD_PREFIX + ThreadNames.safe(id) + "-", 1);
            link = new OscLink(PID + " " + id, settings, acceptor, refusals);
            Bootstrap bootstrap = new Bootstrap()
                    .group(eventLoops.io())
                    .channel(eventLoops.datagramChannelType())
                    .option(ChannelOption.RCVBUF_ALLOCATOR, OscLink.receiveBuffers(settings))
                    .handler(link);
            if (settings.receiveBufferBytes() > 0) bootstrap.option(ChannelOption.SO_RCVBUF, settings.receiveBufferBytes());
            try {
                channel = Listeners.bind(bootstrap, settings.host(), settings.port(), LOG, PID + " " + id);
                refusals.start(eventLoops.boss());
            } catch (RuntimeException | Error e) {
                eventLoops.shutdown(SHUTDOWN_TIMEOUT);   // a failed open leaves no thread behind
                eventLoops = null;
                link = null;
                this.acceptor = null;
                throw e;
            }
        });
        endpoint = "osc.udp://" + settings.host() + ":" + localAddress().getPort();
        if (context != null) {
            announcement = context.registerService(Announcement.class,
                    Announcement.of(Announcement.OSC_UDP, instanceName(id), localAddress().getPort(), Map.of("txtvers", "1")), null);
        }
        LOG.info("{} {}: listening for OSC peers on {} ({}), addresses under {}{}", PID, id, endpoint, eventLoops.kind(),
                settings.namespace(), settings.destinations().isEmpty() ? "" : ", sending to " + settings.destinations().size()
                        + " destination(s)");
    }

    @Override
    public String endpoint() {
        return endpoint;
    }

    @Override
    public synchronized void close() {
        if (acceptor == null) return;
        acceptor = null;
        withdraw();
        if (channel != null) {
            link.closeAll(SESSIONS_CLOSE_TIMEOUT);
            channel.close().awaitUninterruptibly(SESSIONS_CLOSE_TIMEOUT.toMillis());
            channel = null;
        }
        refusals.stop();
        if (eventLoops != null && !eventLoops.shutdown(SHUTDOWN_TIMEOUT)) {
            LOG.warn("{} {}: event loops did not stop within {}", PID, id, SHUTDOWN_TIMEOUT);
        }
        eventLoops = null;
        link = null;
        if (!endpoint.isEmpty()) LOG.info("{} {}: stopped listening on {}", PID, id, endpoint);
        endpoint = "";
    }

    private void withdraw() {
        if (announcement == null) return;
        try {
            announcement.unregister();
        } catch (IllegalStateException alreadyGone) {
            // the bundle is stopping: the framework unregistered it
        }
        announcement = null;
    }

    /** The mDNS instance name: {@code CLASP OSC <id>}, cut to DNS-SD's 63 bytes. */
    static String instanceName(String id) {
        String name = "CLASP OSC " + id;
        while (name.getBytes(StandardCharsets.UTF_8).length > 63) name = name.substring(0, name.length() - 1);
        return name;
    }

    /** Releases everything even if the router never closed the instance (router gone first). */
    @Deactivate
    void deactivate() {
        close();
    }

    /** The address actually bound (useful with port 0). */
    synchronized InetSocketAddress localAddress() {
        return (InetSocketAddress) channel.localAddress();
    }

    /** The socket's receive buffer as the kernel reports it. */
    synchronized int receiveBufferSize() {
        return channel.config().getOption(ChannelOption.SO_RCVBUF);
    }

    /** Everything of {@code kind} counted since the instance was made. */
    long refused(OscRefusal kind) {
        return refusals.total(kind);
    }

    /** Sessions open now, configured destinations included. */
    synchronized int peerCount() {
        OscLink l = link;
        return l == null ? 0 : l.peerCount();
    }
}
