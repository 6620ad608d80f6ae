package clasp.bridge.mqtt.internal;

import clasp.api.GesturePhase;
import clasp.api.SignalType;
import clasp.api.Value;
import clasp.api.bridge.Bridge;
import clasp.api.bridge.BridgeContext;
import clasp.api.bridge.ClaspBridge;
import clasp.api.message.Message;
import clasp.api.message.PublishMessage;
import clasp.api.message.SetMessage;
import clasp.api.router.ClaspException;
import clasp.api.router.LocalSession;
import clasp.api.router.PluginState;
import clasp.bridge.mqtt.internal.BrokerClient.BrokerException;
import clasp.bridge.mqtt.internal.BrokerClient.Filter;
import clasp.bridge.mqtt.internal.Outbox.Out;
import clasp.mqtt.mapping.PayloadFormat;
import clasp.mqtt.mapping.TopicFilters;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import javax.net.ssl.SSLSocketFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One MQTT bridge instance (factory configuration {@value #PID}): a client of an external broker, mapping as
 * bridges.md §7 says. Inbound, every message on the configured topic filters becomes a SET (or PUBLISH) at
 * {@code <namespace>/<topic>}, written on Paho's callback thread before Paho acknowledges it. Outbound, every SET
 * and PUBLISH matching the outbound patterns is queued in the {@link Outbox} and published, in order, while the
 * broker is there; while it is away the bridge retries with exponential backoff and keeps what it should publish.
 *
 * <p>Threads. The connection state, the outbox and the retry timer belong to the router's strand for this bridge
 * ({@code open}, the session's listener, tasks scheduled or executed through the context, {@code close}): Paho's
 * callbacks about the connection and about publications are handed to the strand with {@link BridgeContext#execute}.
 * Inbound messages are written directly on Paho's callback thread (the session is thread-safe), touching only
 * thread-safe state: the counters, {@link Echoes} and {@link Outbox#owns}/{@link Outbox#disown}. Paho's threads
 * come from {@link PahoThreads} and end in {@link #close}.
 */
@Component(configurationPid = MqttBridge.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = MqttBridgeConfig.class, factory = true)
@ClaspBridge(protocol = "mqtt")
public class MqttBridge implements Bridge {
    static final String PID = "clasp.bridge.mqtt";
    private static final Logger LOG = LoggerFactory.getLogger(MqttBridge.class);

    private enum Link { CONNECTING, CONNECTED, WAITING, CLOSED }

    private final MqttSettings settings;
    private final Topics topics;

    // Counters and the last drop's reason: any thread.
    private final LongAdder written = new LongAdder();
    private final LongAdder published = new LongAdder();
    private final LongAdder inboundDropped = new LongAdder();
    private final LongAdder outboundDropped = new LongAdder();
    private volatile String lastDrop;
    private volatile boolean closed;

    // The strand's (close may run elsewhere when the strand is stuck, hence volatile where close reads).
    private BridgeContext context;
    private LocalSession session;
    private volatile BrokerClient client;
    private final Outbox outbox;
    private final Echoes echoes = new Echoes();
    private Link link = Link.WAITING;
    private int generation;
    private long nextDelayMs;
    private int attempts;
    private String state = "";
    private PluginState reportedState;
    private volatile ScheduledFuture<?> retry;
    private volatile ScheduledFuture<?> refresher;

    @Activate
    public MqttBridge(MqttBridgeConfig config) {
        this(MqttSettings.from(config));
    }

    MqttBridge(MqttSettings settings) {
        this.settings = settings;
        this.topics = settings.topics();
        this.outbox = new Outbox(settings.maxQueued());
        this.nextDelayMs = settings.reconnectMinMs();
    }

    @Override
    public void open(BridgeContext context) throws Exception {
        this.context = context;
        this.session = context.session();
        if (settings.fatal() != null) throw new IllegalArgumentException(settings.fatal());
        SSLSocketFactory sockets = settings.brokerUri().startsWith("ssl:")
                ? TlsSockets.factory(settings.tlsTrustedCertificates(), settings.tlsKeyStore(),
                        settings.tlsKeyStorePassword())
                : null;
        BrokerSettings broker = new BrokerSettings(settings.brokerUri(), settings.clientId(), settings.username(),
                settings.password(), sockets, settings.keepAliveSeconds(), settings.connectTimeoutSeconds(),
                settings.maxInFlight(), settings.onlineTopic() == null ? null
                        : new BrokerSettings.Will(settings.onlineTopic(), PayloadFormat.AUTO.encode(Value.of(false)), settings.qos()));
        BrokerClient.Events events = new PahoEvents();
        client = settings.v5() ? new PahoV5Client(broker, context.id(), events) : new PahoV3Client(broker, context.id(), events);
        for (String pattern : settings.outboundPatterns()) session.subscribe(pattern, Set.of(), this::outbound);
        refresher = context.scheduleAtFixedRate(this::refresh, 5, 5, TimeUnit.SECONDS);
        connect();
    }

    // ---- the connection (strand)

    private void connect() {
        if (link == Link.CLOSED) return;
        link = Link.CONNECTING;
        attempts++;
        report(PluginState.CONNECTING, "connecting to " + settings.brokerUri() + " (" + client.protocol() + ", attempt "
                + attempts + ")");
        try {
            client.connect();
        } catch (BrokerException e) {
            onConnectFailed(e.getMessage(), false);
        }
    }

    private void onConnected(boolean sessionPresent) {
        if (link != Link.CONNECTING) return;
        link = Link.CONNECTED;
        attempts = 0;
        nextDelayMs = settings.reconnectMinMs();
        echoes.clear();   // nothing sent on an earlier connection comes back on this one
        // Owned before subscribing: the broker's replay of the will's false is then not taken for news.
        if (settings.onlineTopic() != null) outbox.add(settings.onlineTopic(), PayloadFormat.AUTO.encode(Value.of(true)), settings.qos(), true);
        if (!sessionPresent && !settings.inboundFilters().isEmpty()) subscribe();
        int republished = outbox.resync();
        report(PluginState.ONLINE, "connected to " + settings.brokerUri() + " (" + client.protocol() + ") as "
                + settings.clientId() + (republished > 0 ? "; republishing " + republished + " retained" : ""));
        pump();
    }

    private void subscribe() {
        List<Filter> filters = settings.inboundFilters();
        int gen = generation;
        try {
            client.subscribe(filters, new BrokerClient.Outcome() {
                @Override public void done() { }

                @Override public void failed(String why) {
                    onStrand(() -> {
                        if (gen == generation) report(PluginState.FAILED, "subscribing at " + settings.brokerUri() + ": " + why);
                    });
                }
            });
        } catch (BrokerException e) {
            LOG.debug("mqtt bridge {}: subscribe not sent: {}", context.id(), e.getMessage());   // the loss follows
        }
    }

    private void onConnectFailed(String why, boolean refused) {
        if (link != Link.CONNECTING) return;
        link = Link.WAITING;
        retry(refused ? PluginState.FAILED : PluginState.CONNECTING,
                (refused ? "broker " + settings.brokerUri() + " refused the connection: " : "broker " + settings.brokerUri()
                        + " unreachable: ") + why);
    }

    private void onLost(String why) {
        if (link != Link.CONNECTED) return;
        link = Link.WAITING;
        generation++;   // outcomes of the old connection no longer count
        outbox.requeueInFlight();
        retry(PluginState.CONNECTING, "lost broker " + settings.brokerUri() + ": " + why);
    }

    private void retry(PluginState s, String what) {
        long delay = nextDelayMs;
        nextDelayMs = Math.min(settings.reconnectMaxMs(), delay * 2);
        report(s, what + "; retrying in " + millis(delay) + (outbox.queued() > 0 ? ", " + outbox.queued() + " queued" : ""));
        retry = context.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
    }

    // ---- outbound (strand)

    private void outbound(Message message) {
        String address;
        Value value;
        boolean retain;
        int qos;
        if (message instanceof SetMessage set) {
            address = set.address();
            value = set.value();
            retain = settings.retainSets();
            qos = settings.qos();
        } else if (message instanceof PublishMessage pub && pub.value() != null) {
            address = pub.address();
            value = pub.value();
            retain = false;
            qos = pub.signal() == SignalType.STREAM ? settings.streamQos() : settings.qos();
        } else {
            return;   // only SETs and PUBLISHes carrying a value go out (bridges.md §0.2)
        }
        String topic = topics.topic(address);
        byte[] payload = topic == null ? null : settings.payload().encode(value);
        if (payload == null) {
            outboundDropped.increment();
            lastDrop = topic == null ? "no MQTT topic for " + address
                    : "payload " + format() + " cannot carry " + value.kind() + " of " + address;
            return;
        }
        if (!outbox.add(topic, payload, qos, retain)) lastDrop = "outbound queue full (maxQueued " + settings.maxQueued() + ")";
        pump();
    }

    /** Hands queued messages to Paho while connected and the in-flight window has room. */
    private void pump() {
        while (link == Link.CONNECTED && outbox.inFlight() < settings.maxInFlight()) {
            Out out = outbox.next();
            if (out == null) return;
            boolean mayEcho = !client.suppressesOwnMessages() && matchesInbound(out.topic());
            if (mayEcho) echoes.published(out.topic(), out.payload());
            try {
                client.publish(out.topic(), out.payload(), out.qos(), out.retain(), outcome(out, generation));
            } catch (BrokerException e) {
                if (mayEcho) echoes.isEcho(out.topic(), out.payload());   // not sent: forget it
                outbox.notTaken(out);   // window full or connection going: later, in order
                return;
            }
        }
    }

    private BrokerClient.Outcome outcome(Out out, int gen) {
        return new BrokerClient.Outcome() {
            @Override public void done() {
                onStrand(() -> {
                    if (gen != generation) return;   // already requeued after a loss
                    outbox.done(out);
                    published.increment();
                    pump();
                });
            }

            @Override public void failed(String why) {
                onStrand(() -> {
                    if (gen != generation) return;
                    outbox.done(out);
                    outboundDropped.increment();
                    lastDrop = "broker refused " + out.topic() + ": " + why;
                    pump();
                });
            }
        };
    }

    private boolean matchesInbound(String topic) {
        for (Filter filter : settings.inboundFilters()) if (TopicFilters.matches(filter.filter(), topic)) return true;
        return false;
    }

    // ---- inbound (Paho's callback thread)

    private void inbound(String topic, byte[] payload, boolean retained) {
        if (!client.suppressesOwnMessages() && echoes.isEcho(topic, payload)) return;
        // The bridge's own retained value, replayed on subscribe: CLASP's is newer, and the bridge republishes it.
        if (retained && outbox.owns(topic)) return;
        String address = topics.address(topic);
        if (address == null) {
            dropIn("topic '" + topic + "' gives no valid address under " + topics.namespace());
            return;
        }
        if (payload.length > settings.maxPayloadBytes()) {
            dropIn("payload of " + payload.length + " bytes on " + topic + " above maxPayloadBytes " + settings.maxPayloadBytes());
            return;
        }
        Value value = settings.payload().decode(payload);
        if (value == null) {
            dropIn("payload on " + topic + " is not " + format());
            return;
        }
        outbox.disown(topic);   // someone else's value now: not the bridge's to republish
        try {
            switch (settings.inboundSignal()) {
                case PARAM -> session.set(address, value);
                case EVENT -> {
                    if (retained) session.set(address, value);
                    else session.publish(PublishMessage.event(address, value));
                }
                case STREAM -> session.publish(new PublishMessage(address, SignalType.STREAM, value, null, null, null,
                        GesturePhase.START, null));
            }
            written.increment();
        } catch (ClaspException e) {
            dropIn("router refused " + address + ": " + e.getMessage());
        }
    }

    private void dropIn(String why) {
        inboundDropped.increment();
        lastDrop = why;
    }

    // ---- status (strand)

    private void report(PluginState s, String text) {
        reportedState = s;
        state = text;
        context.status(s, detail());
    }

    /** Re-reports the detail so that its counters stay current. */
    private void refresh() {
        if (reportedState != null && link != Link.CLOSED) context.status(reportedState, detail());
    }

    private String detail() {
        StringBuilder d = new StringBuilder(state);
        d.append("; in ").append(written.sum()).append(", out ").append(published.sum());
        long dropped = inboundDropped.sum() + outboundDropped.sum() + outbox.dropped();
        if (dropped > 0) d.append(", dropped ").append(dropped).append(" (last: ").append(lastDrop).append(')');
        if (!settings.problems().isEmpty()) d.append("; configuration: ").append(String.join("; ", settings.problems()));
        return d.toString();
    }

    private String format() {
        return settings.payload().name().toLowerCase(java.util.Locale.ROOT);
    }

    private static String millis(long ms) {
        return ms < 1000 ? ms + " ms" : (ms % 1000 == 0 ? ms / 1000 + " s" : String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0));
    }

    @Override
    public void close() {
        closed = true;
        link = Link.CLOSED;
        ScheduledFuture<?> r = retry;
        if (r != null) r.cancel(false);
        ScheduledFuture<?> f = refresher;
        if (f != null) f.cancel(false);
        BrokerClient c = client;
        if (c != null) c.close();
    }

    /** Hands a Paho callback to the strand, unless the bridge is closed (closing disconnects, and Paho reports it). */
    private void onStrand(Runnable task) {
        if (!closed) context.execute(task);
    }

    /** Paho's callbacks: connection changes go to the strand; messages are written here, before Paho acknowledges them. */
    private final class PahoEvents implements BrokerClient.Events {
        @Override public void connected(boolean sessionPresent) { onStrand(() -> onConnected(sessionPresent)); }

        @Override public void connectFailed(String why, boolean refused) { onStrand(() -> onConnectFailed(why, refused)); }

        @Override public void lost(String why) { onStrand(() -> onLost(why)); }

        @Override public void arrived(String topic, byte[] payload, int qos, boolean retained) {
            inbound(topic, payload, retained);
        }
    }
}
