package clasp.transport.quic.internal;

import clasp.transport.netty.InstanceIds;
import clasp.transport.netty.Listeners;
import clasp.protocol.transport.ConnectionAcceptor;
import clasp.protocol.transport.Transport;
import clasp.transport.netty.tls.ServerTls;
import clasp.transport.netty.tls.TlsSettings;
import io.netty.handler.codec.quic.Quic;
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
 * The QUIC transport, one instance per factory configuration: a {@link Transport} service that the router opens
 * with its {@link ConnectionAcceptor}. {@link #open} loads the TLS key material and binds the UDP socket (quick; a
 * failure is reported by the router as the instance's state); a configuration change ({@link #modified}) replaces
 * this instance's listener with one started from the new settings, leaving every other instance alone;
 * {@link #close} and deactivation end every session and QUIC connection and stop every thread it started (all
 * named {@value #THREAD_PREFIX}{@code <id>-…}). Lifecycle calls are serialised by this object's lock.
 */
@Component(configurationPid = QuicTransport.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = Transport.class, property = Transport.KIND + "=" + QuicTransport.KIND)
@Designate(ocd = QuicTransportConfig.class, factory = true)
public final class QuicTransport implements Transport {
    static final String PID = "clasp.transport.quic";
    static final String KIND = "quic";
    static final String THREAD_PREFIX = "clasp-transport-quic-";

    private static final Logger LOG = LoggerFactory.getLogger(QuicTransport.class);

    private final String id;
    private final Path dataFolder;
    private ListenerSettings settings;
    private ConnectionAcceptor acceptor;
    private QuicListener listener;
    private ServerTls tls;                 // the running listener's key material, watched while it runs
    private volatile String endpoint = "";

    /** Checks the configuration only; nothing is bound until the router opens the instance. */
    @Activate
    public QuicTransport(QuicTransportConfig config, Map<String, Object> properties, BundleContext context) {
        this(config, properties, TlsSettings.dataFolder(context.getProperty(TlsSettings.DATA_FOLDER_PROPERTY)));
    }

    QuicTransport(QuicTransportConfig config, Map<String, Object> properties, Path dataFolder) {
        this.id = InstanceIds.of(properties);
        this.dataFolder = dataFolder;
        this.settings = checked(config);
    }

    private ListenerSettings checked(QuicTransportConfig config) {
        try {
            return ListenerSettings.of(config, dataFolder);
        } catch (IllegalArgumentException e) {
            // DS reports a failed activation only through the OSGi log; an admin reads this one.
            LOG.error("{} (instance {}); the listener is not started", e.getMessage(), id);
            throw e;
        }
    }

    @Override
    public synchronized void open(ConnectionAcceptor acceptor) throws Exception {
        if (this.acceptor != null) throw new IllegalStateException(PID + " " + id + ": already open");
        this.acceptor = acceptor;
        listener = started(settings);
    }

    /**
     * A changed configuration: the listener is replaced by one with the new settings (its sessions end with 1001 and
     * its QUIC connections with a CONNECTION_CLOSE); settings equal to the running ones change nothing. If the new
     * listener cannot start (its port taken, its key material unreadable), that is logged and a listener with the
     * previous settings starts again, so the instance keeps serving where the router shows it.
     */
    @Modified
    synchronized void modified(QuicTransportConfig config) {
        ListenerSettings next = checked(config);
        if (next.equals(settings) && (listener != null || acceptor == null)) {
            return;
        }
        ListenerSettings previous = settings;
        boolean wasRunning = listener != null;
        settings = next;
        if (acceptor == null) {
            return; // not open yet: open starts with these settings
        }
        stopListener();
        try {
            listener = started(next);
        } catch (Exception e) {
            LOG.error("{} {}: the changed configuration was not applied ({}); {}", PID, id, e.getMessage(),
                    wasRunning ? "the previous one goes on" : "no listener until the next change");
            if (wasRunning) {
                settings = previous;
                try {
                    listener = started(previous);
                } catch (Exception again) {
                    LOG.error("{} {}: the previous configuration cannot start again either: {}", PID, id, again.getMessage());
                }
            }
        }
    }

    private QuicListener started(ListenerSettings s) throws Exception {
        return Listeners.callWithLoaderOf(QuicTransport.class, () -> {
            if (!Quic.isAvailable()) {
                throw new IllegalStateException("QUIC is not available on this platform: " + Quic.unavailabilityCause());
            }
            // QUIC bounds a handshake by its idle timeout; the handshake timeout of TCP listeners does not apply
            ServerTls keys = ServerTls.load(s.tls(), Duration.ofSeconds(s.idleTimeoutSeconds()), PID + " " + id);
            QuicListener started = new QuicListener(PID, id, s, QuicTls.serverContext(keys), acceptor);
            try {
                started.start();
            } catch (IllegalStateException e) {
                LOG.error("{} {}: {}", PID, id, e.getMessage());
                throw e;
            }
            keys.watch(started.timers(), ServerTls.WATCH_INTERVAL);
            tls = keys;
            endpoint = "quic://" + s.host() + ":" + started.localAddress().getPort();
            LOG.info("{} {}: listening for QUIC clients on {} ({}, {} thread(s), ALPN {}); {}", PID, id, endpoint,
                    started.ioKind(), started.threads(), String.join(" or ", QuicTls.ALPN), keys.keys().describe());
            return started;
        });
    }

    private void stopListener() {
        if (tls != null) {
            tls.stopWatching();
            tls = null;
        }
        if (listener != null) {
            listener.stop();
            listener = null;
            LOG.info("{} {}: stopped listening on {}", PID, id, endpoint);
        }
        endpoint = "";
    }

    @Override
    public String endpoint() {
        return endpoint;
    }

    @Override
    public synchronized void close() {
        stopListener();
        acceptor = null;
    }

    /** Releases everything even if the router never closed the instance (router gone first). */
    @Deactivate
    synchronized void deactivate() {
        close();
    }

    /** The running listener, or null. */
    synchronized QuicListener listener() {
        return listener;
    }

    /** The address actually bound (useful with port 0). */
    synchronized InetSocketAddress localAddress() {
        return listener.localAddress();
    }
}
