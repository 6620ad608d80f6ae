package clasp.transport.serial.internal;

import clasp.transport.netty.InstanceIds;
import clasp.protocol.transport.ConnectionAcceptor;
import clasp.protocol.transport.Transport;
import clasp.transport.netty.Refusals;
import clasp.transport.netty.ThreadNames;
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
 * The serial transport, one instance per factory configuration and so per serial port: a {@link Transport} service
 * that the router opens with its {@link ConnectionAcceptor}. CLASP frames travel SLIP-framed (RFC 1055); each
 * session of the device is one router connection ({@link SerialLine} says when sessions start and end).
 *
 * <p>No Netty channel: Netty 4.2 has no serial channel (its RXTX channel went with the blocking OIO transport),
 * and jSerialComm's reads and writes block, so a line is served by plain threads, a reader per port and a writer
 * per session, all named {@value #THREAD_PREFIX}{@code <id>-…}. Netty contributes the frames' {@code ByteBuf}s and,
 * from {@code clasp.transport.netty}, the counted refusals and thread names.
 *
 * <p>Activation only checks the configuration; {@link #open} starts the reader, which opens the port (and keeps
 * trying while the device is absent), so neither ever waits for the device. A configuration change is applied
 * live ({@link #modified}): the line is stopped and started again with the new settings.
 * {@link #close} and deactivation end the session, close the port and end every thread.
 */
@Component(configurationPid = SerialTransport.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = Transport.class, property = Transport.KIND + "=" + SerialTransport.KIND)
@Designate(ocd = SerialTransportConfig.class, factory = true)
public final class SerialTransport implements Transport {
    static final String PID = "clasp.transport.serial";
    static final String KIND = "serial";
    static final String THREAD_PREFIX = "clasp-transport-serial-";

    private static final Logger LOG = LoggerFactory.getLogger(SerialTransport.class);

    private final String id;
    private final Refusals<SerialRefusal> refusals;
    private SerialSettings settings;      // guarded by this
    private ConnectionAcceptor acceptor;  // guarded by this; null until open
    private SerialLine line;              // guarded by this
    private volatile String endpoint = "";

    /** Checks the configuration only; the port is opened once the router opens the instance. */
    @Activate
    public SerialTransport(SerialTransportConfig config, Map<String, Object> properties) {
        this.id = InstanceIds.of(properties);
        this.refusals = new Refusals<>(SerialRefusal.class, PID, id);
        try {
            this.settings = SerialSettings.of(config);
        } catch (IllegalArgumentException e) {
            // DS reports a failed activation only through the OSGi log; an admin reads this one.
            LOG.error("{} (instance {}); the port is not opened", e.getMessage(), id);
            throw e;
        }
    }

    @Override
    public synchronized void open(ConnectionAcceptor acceptor) {
        if (this.acceptor != null) throw new IllegalStateException(PID + " " + id + ": already open");
        this.acceptor = acceptor;
        line = startLine(settings);
    }

    private SerialLine startLine(SerialSettings with) {
        SerialLine started = new SerialLine(PID + " " + id, THREAD_PREFIX + ThreadNames.safe(id) + "-", with, acceptor, refusals);
        started.start();
        endpoint = with.endpoint();
        return started;
    }

    /**
     * A changed configuration: an open line is stopped (its session closed) and started again with the new
     * settings, without the instance going away. An invalid configuration is logged and the line keeps running as
     * it was. The instance id and thread names stay those of activation.
     */
    @Modified
    void modified(SerialTransportConfig config) {
        SerialSettings next;
        try {
            next = SerialSettings.of(config);
        } catch (IllegalArgumentException e) {
            LOG.error("{} (instance {}); keeping {}", e.getMessage(), id, endpoint());
            return;
        }
        synchronized (this) {
            if (next.equals(settings)) return;
            settings = next;
            if (line != null) {
                LOG.info("{} {}: reopening with {}", PID, id, next.endpoint());
                line.stop();
                line = startLine(next);
            }
        }
    }

    @Override
    public String endpoint() {
        return endpoint;
    }

    @Override
    public synchronized void close() {
        if (line == null) return;
        line.stop();
        line = null;
        acceptor = null;
        LOG.info("{} {}: closed {}", PID, id, endpoint);
        endpoint = "";
    }

    /** Releases everything even if the router never closed the instance (router gone first). */
    @Deactivate
    void deactivate() {
        close();
    }

    /** Everything of {@code kind} dropped since activation. */
    long dropped(SerialRefusal kind) {
        return refusals.total(kind);
    }
}
