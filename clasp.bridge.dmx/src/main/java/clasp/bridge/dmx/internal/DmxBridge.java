package clasp.bridge.dmx.internal;

import clasp.api.Value;
import clasp.api.bridge.Bridge;
import clasp.api.bridge.BridgeContext;
import clasp.api.bridge.ClaspBridge;
import clasp.api.message.Message;
import clasp.api.message.PublishMessage;
import clasp.api.message.SetMessage;
import clasp.api.router.ClaspException;
import clasp.api.router.LocalSession;
import clasp.api.router.ParamState;
import clasp.api.router.PluginState;
import clasp.bridge.dmx.SerialPorts;
import clasp.bridge.dmx.internal.DmxSettings.InputMode;
import clasp.bridge.dmx.internal.DmxSettings.InterfaceType;
import clasp.bridge.support.dmx.SlotAddress;
import clasp.bridge.support.dmx.SlotValues;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;

/**
 * One DMX bridge instance (factory configuration {@value #PID}), bridges.md §6.3: one DMX-512 universe on a USB serial
 * interface, an ENTTEC DMX USB Pro ({@link EnttecPro}) or an Open DMX / FTDI interface ({@link OpenDmx}), reached
 * through the {@link SerialPorts} service.
 *
 * <p>Out: SETs (and PUBLISHes with a value) of {@code <ns>/<universe>/<channel>} and {@code <ns>/<channel>} set a slot
 * of the {@link Look} (value mapping {@link SlotValues}); the {@link DmxLine}'s writer sends the whole look every
 * period. At open the look is filled from the params already stored under those addresses (the later of the two
 * forms per channel), so a re-created instance never sends a dark frame first. In (ENTTEC Pro with input on): the
 * slots that changed in what the widget received become SETs of {@code <ns>/<inputUniverse>/<channel>}.
 *
 * <p>Threads: the router's strand for this bridge runs {@link #open}, the outbound listener (the only writer of the
 * look), the status and {@link #close}. The writer thread {@code clasp-bridge-dmx-<id>-writer} owns the port and the
 * pacing and reads the look under its monitor; the reader thread {@code clasp-bridge-dmx-<id>-reader} decodes what
 * the widget sends and writes the input SETs into the session (which is thread-safe). The counters are shared.
 * Both threads end, and the port is closed, in {@link #close}.
 */
@Component(configurationPid = DmxBridge.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = DmxBridgeConfig.class, factory = true)
@ClaspBridge(protocol = "dmx")
public class DmxBridge implements Bridge {
    static final String PID = "clasp.bridge.dmx";
    private static final long STATUS_REFRESH_SECONDS = 1;

    private final DmxSettings settings;
    private final SerialPorts ports;
    private final LongSupplier clock;
    private final Look look = new Look();
    private final Counters counters = new Counters();

    private volatile BridgeContext context;
    private volatile LocalSession session;
    private volatile DmxInterface device;
    private volatile DmxLine line;
    private volatile ScheduledFuture<?> refresher;
    private volatile boolean closed;
    // strand
    private PluginState state;
    private String stateText = "";

    @Activate
    public DmxBridge(DmxBridgeConfig config, @Reference(name = "ports", policyOption = ReferencePolicyOption.GREEDY) SerialPorts ports) {
        this(DmxSettings.from(config), ports, System::nanoTime);
    }

    DmxBridge(DmxSettings settings, SerialPorts ports, LongSupplier clock) {
        this.settings = settings;
        this.ports = ports;
        this.clock = clock;
    }

    static String threadPrefix(String bridgeId) {
        return "clasp-bridge-dmx-" + bridgeId + "-";
    }

    @Override
    public void open(BridgeContext context) throws Exception {
        this.context = context;
        this.session = context.session();
        if (settings.fatal() != null) throw new IllegalArgumentException(settings.fatal());
        String ns = settings.namespace();
        session.subscribe(ns + "/" + settings.universe() + "/*", Set.of(), this::outbound);
        session.subscribe(ns + "/*", Set.of(), this::outbound);
        restoreLook();
        DmxInterface d = settings.type() == InterfaceType.ENTTEC_PRO
                ? new EnttecPro(settings, counters, new Input(), () -> onStrand(this::refresh))
                : new OpenDmx(settings.breakMicros(), settings.mabMicros(), clock);
        device = d;
        report(PluginState.CONNECTING, "opening " + settings.path());
        DmxLine l = new DmxLine(PID + "~" + context.id(), threadPrefix(context.id()), settings, ports, d, look, counters,
                new LineEvents(), clock);
        line = l;
        l.start();
        refresher = context.scheduleAtFixedRate(this::refresh, STATUS_REFRESH_SECONDS, STATUS_REFRESH_SECONDS, TimeUnit.SECONDS);
    }

    /**
     * Fills the look from the params already stored for the output universe (as the session sees them), oldest write
     * first, so that of {@code {ns}/{universe}/{ch}} and its alias {@code {ns}/{ch}} the later write wins.
     */
    private void restoreLook() throws ClaspException {
        List<ParamState> stored = new ArrayList<>(session.params(settings.namespace() + "/" + settings.universe() + "/*"));
        stored.addAll(session.params(settings.namespace() + "/*"));
        stored.sort(Comparator.comparingLong(ParamState::timestamp).thenComparingLong(ParamState::revision));
        for (ParamState p : stored) {
            int slot = slot(p.address());
            if (slot < 1) continue;
            int value = settings.values().toSlot(p.value());
            if (value != SlotValues.NOT_NUMERIC) look.set(slot, value);
        }
    }

    // ---- out (strand)

    private void outbound(Message message) {
        String address;
        Value value;
        if (message instanceof SetMessage set) {
            address = set.address();
            value = set.value();
        } else if (message instanceof PublishMessage publish && (publish.value() != null || publish.samples() != null)) {
            address = publish.address();
            double[] samples = publish.samples();
            value = publish.value() != null ? publish.value() : samples.length == 0 ? null : Value.of(samples[samples.length - 1]);
            if (value == null) return;
        } else {
            return;   // only SETs and PUBLISHes with a value go out (bridges.md §0.2)
        }
        int slot = slot(address);
        if (slot < 0) {
            counters.dropped(address + " is not a channel 1-512 of " + settings.namespace() + "/" + settings.universe());
            return;
        }
        int slotValue = settings.values().toSlot(value);
        if (slotValue == SlotValues.NOT_NUMERIC) {
            counters.dropped(address + ": " + value.kind() + " is no slot value");
            return;
        }
        look.set(slot, slotValue);
    }

    /** The channel {@code address} names in the output universe, or -1. */
    private int slot(String address) {
        SlotAddress full = SlotAddress.parse(settings.namespace(), address, settings.universe(), settings.universe());
        if (full != null) return full.slot();
        int[] alias = SlotAddress.numbersAfter(settings.namespace(), address, 1);
        return alias != null && alias[0] >= 1 && alias[0] <= SlotAddress.SLOTS ? alias[0] : -1;
    }

    // ---- in (reader thread)

    /** Received DMX, written into the session as SETs of the input universe. */
    private final class Input implements WidgetInput.Sink {
        @Override
        public void changed(int slot, int value) {
            String address = settings.inputAddress(slot);
            try {
                session.set(address, settings.values().toClasp(value));
                counters.written.increment();
            } catch (ClaspException e) {
                counters.dropped("router refused " + address + ": " + e.getMessage());
            }
        }

        @Override public void frame() { counters.framesIn.increment(); }

        @Override public void malformed(String why) { counters.malformed(why); }

        @Override public void dropped(String why) { counters.dropped(why); }
    }

    // ---- status (strand)

    private final class LineEvents implements DmxLine.Events {
        @Override
        public void online() {
            onStrand(() -> report(PluginState.ONLINE, describeOutput()));
        }

        @Override
        public void connecting(String why) {
            onStrand(() -> report(PluginState.CONNECTING, why));
        }
    }

    private String describeOutput() {
        StringBuilder s = new StringBuilder(settings.type().label).append(" on ").append(settings.path())
                .append(", universe ").append(settings.universe()).append(" (").append(settings.slots())
                .append(" slots) at ").append(settings.refreshHz()).append(" Hz");
        if (settings.input() != InputMode.OFF) {
            s.append(", input universe ").append(settings.inputUniverse()).append(" (")
                    .append(settings.input().name().toLowerCase(Locale.ROOT)).append(')');
        }
        return s.toString();
    }

    private void report(PluginState s, String text) {
        state = s;
        stateText = text;
        context.status(s, detail());
    }

    private void refresh() {
        if (state != null && !closed) context.status(state, detail());
    }

    /** The status line: the state's text, the device (when online) and the counters. */
    String detail() {
        StringBuilder d = new StringBuilder(stateText);
        DmxInterface dev = device;
        if (state == PluginState.ONLINE && dev != null) d.append("; ").append(dev.describe());
        return d.append("; ").append(counters.line(settings.input() != InputMode.OFF)).toString();
    }

    // ---- close

    @Override
    public void close() {
        closed = true;
        ScheduledFuture<?> r = refresher;
        if (r != null) r.cancel(false);
        DmxLine l = line;
        if (l != null) l.stop();
    }

    private void onStrand(Runnable task) {
        if (!closed) context.execute(task);
    }
}
