package clasp.transport.udp.internal;

import clasp.transport.netty.InstanceIds;
import clasp.protocol.transport.ConnectionAcceptor;
import clasp.protocol.transport.Transport;
import clasp.transport.netty.EventLoops;
import clasp.transport.netty.Listeners;
import clasp.transport.netty.Refusals;
import clasp.transport.netty.ThreadNames;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The UDP transport, one instance per factory configuration: a {@link Transport} service that the router opens with
 * its {@link ConnectionAcceptor}. {@link #open} binds the datagram socket; {@link #close} and deactivation end every
 * session and stop every thread it started (all named {@value #THREAD_PREFIX}{@code <id>-…}). A configuration change
 * applies live: limits at once, a new host, port or epoll choice by rebinding this listener alone.
 *
 * <p>Threads: the public methods are synchronized (DS and the router call them); the listener itself runs on its
 * event loop ({@link UdpLink}).
 */
@Component(configurationPid = UdpTransport.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = Transport.class, property = Transport.KIND + "=" + UdpTransport.KIND)
@Designate(ocd = UdpTransportConfig.class, factory = true)
public final class UdpTransport implements Transport {
    static final String PID = "clasp.transport.udp";
    static final String KIND = "udp";
    static final String THREAD_PREFIX = "clasp-transport-udp-";

    private static final Logger LOG = LoggerFactory.getLogger(UdpTransport.class);
    private static final Duration SESSIONS_CLOSE_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(3);

    private final String id;
    private UdpTransportConfig config;
    private ValidConfig valid;
    /** Set by {@link #open}, cleared by {@link #close}: the router wants this listener running. */
    private ConnectionAcceptor acceptor;
    private EventLoops eventLoops;
    private final Refusals<UdpRefusal> refusals;
    private UdpLink link;
    private Channel channel;
    private volatile String endpoint = "";

    /** Checks the configuration only; nothing is bound until the router opens the instance. */
    @Activate
    public UdpTransport(UdpTransportConfig config, Map<String, Object> properties) {
        this.id = InstanceIds.of(properties);
        this.config = config;
        this.valid = checked(config, "the listener is not started");
        this.refusals = new Refusals<>(UdpRefusal.class, PID, id);
    }

    private ValidConfig checked(UdpTransportConfig candidate, String consequence) {
        try {
            return ValidConfig.of(candidate);
        } catch (IllegalArgumentException e) {
            // DS reports a failed activation only through the OSGi log; an admin reads this one.
            LOG.error("{} (instance {}); {}", e.getMessage(), id, consequence);
            throw e;
        }
    }

    @Override
    public synchronized void open(ConnectionAcceptor acceptor) {
        if (this.acceptor != null) throw new IllegalStateException(PID + " " + id + ": already open");
        this.acceptor = acceptor;
        start();
    }

    private void start() {
        Listeners.withLoaderOf(UdpTransport.class, () -> {
            // One socket is served by one thread: the I/O group has one.
            eventLoops = EventLoops.create(PID, config.epoll(), THREAD_PREFIX + ThreadNames.safe(id) + "-", 1);
            link = new UdpLink(PID + " " + id, acceptor, refusals, valid.limits());
            try {
                channel = bind();
                refusals.start(eventLoops.boss());
            } catch (RuntimeException | Error e) {
                eventLoops.shutdown(SHUTDOWN_TIMEOUT); // a failed open leaves no thread behind
                eventLoops = null;
                link = null;
                throw e;
            }
        });
        endpoint = "udp://" + valid.host() + ":" + localAddress().getPort();
        LOG.info("{} {}: listening for CLASP datagrams on {} ({})", PID, id, endpoint, eventLoops.kind());
    }

    private Channel bind() {
        Bootstrap bootstrap = new Bootstrap()
                .group(eventLoops.io())
                .channel(eventLoops.datagramChannelType())
                .option(ChannelOption.RCVBUF_ALLOCATOR, UdpLink.receiveBuffers(valid.limits()))
                .handler(link);
        return Listeners.bind(bootstrap, valid.host(), config.port(), LOG, PID + " " + id);
    }

    /**
     * A changed configuration, applied live. Limits take effect at once for every session; a new host, port or epoll
     * choice rebinds this listener (its sessions end; no other listener is touched). An invalid configuration changes
     * nothing. A listener whose rebind failed (port in use) binds again on the next change.
     */
    @Modified
    synchronized void modified(UdpTransportConfig next) {
        ValidConfig checked = checked(next, "the listener keeps its previous configuration");
        boolean rebind = !checked.host().equals(valid.host()) || next.port() != config.port() || next.epoll() != config.epoll();
        config = next;
        valid = checked;
        if (acceptor == null) {
            return; // not open: the next open uses it
        }
        if (rebind || channel == null) {
            LOG.info("{} {}: configuration changed, rebinding {}", PID, id, endpoint);
            if (channel != null) {
                stop();
            }
            start();
        } else {
            link.apply(checked.limits());
            LOG.info("{} {}: configuration changed, limits applied on {}", PID, id, endpoint);
        }
    }

    @Override
    public String endpoint() {
        return endpoint;
    }

    @Override
    public synchronized void close() {
        acceptor = null;
        if (channel != null) {
            stop();
            LOG.info("{} {}: stopped", PID, id);
        }
    }

    private void stop() {
        link.closeAll(SESSIONS_CLOSE_TIMEOUT);
        channel.close().awaitUninterruptibly(SESSIONS_CLOSE_TIMEOUT.toMillis());
        refusals.stop();
        if (!eventLoops.shutdown(SHUTDOWN_TIMEOUT)) {
            LOG.warn("{} {}: event loops did not stop within {}", PID, id, SHUTDOWN_TIMEOUT);
        }
        channel = null;
        eventLoops = null;
        link = null;
        endpoint = "";
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

    /** "epoll" or "nio". */
    synchronized String ioKind() {
        return eventLoops.kind();
    }

    synchronized long refused(UdpRefusal kind) {
        return refusals.total(kind);
    }

    synchronized int peerCount() {
        return link.peerCount();
    }
}
