package clasp.bridge.midi.internal;

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
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import javax.sound.midi.InvalidMidiDataException;
import javax.sound.midi.MidiMessage;
import javax.sound.midi.Receiver;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.SysexMessage;
import javax.sound.midi.spi.MidiDeviceProvider;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One MIDI bridge instance (factory configuration {@value #PID}), bridges.md §3: a MIDI input and output port found
 * by name through Java Sound ({@link PortLinks}), mapped both ways by §3.3 ({@link MidiToClasp}, {@link ClaspToMidi})
 * under {@code {namespace}/{device}}. Inbound MIDI is written through the bridge's session; SETs and PUBLISHes under
 * that base go out to the output port. The bridge's session never receives its own writes, so what came in from
 * the input is not sent back out.
 *
 * <p>Threads. The bridge starts none. Java Sound calls the inbound receiver on its own thread: it only decodes
 * ({@link MidiToClasp}, under its lock: the decoder keeps the state of 14-bit pairs, MTC and clock) and writes into
 * the session, which is thread-safe, touching otherwise only counters. The router's strand for this bridge runs the
 * rescan ({@code context.scheduleAtFixedRate}, every {@code rescanSeconds}), the outbound messages, the status (after
 * each rescan and every {@value #STATUS_SECONDS} s) and {@link #close}; it alone touches the {@link PortLinks}. {@link #close} closes the ports and their devices; no
 * thread of the bridge's is left.
 */
@Component(configurationPid = MidiBridge.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = MidiBridgeConfig.class, factory = true)
@ClaspBridge(protocol = "midi")
public class MidiBridge implements Bridge {
    static final String PID = "clasp.bridge.midi";
    private static final Logger LOG = LoggerFactory.getLogger(MidiBridge.class);
    private static final long STATUS_SECONDS = 5;   // the counters in the status line are refreshed at least this often

    private final MidiSettings settings;
    private final Collection<MidiDeviceProvider> providers = new CopyOnWriteArrayList<>();
    private final MidiPorts ports;
    private final MidiToClasp toClasp;
    private final ClaspToMidi toMidi;
    private final Inbound inbound = new Inbound();

    // Counters and the last reasons: any thread.
    private final LongAdder received = new LongAdder();
    private final LongAdder written = new LongAdder();
    private final LongAdder sent = new LongAdder();
    private final LongAdder malformed = new LongAdder();
    private final LongAdder inboundDropped = new LongAdder();
    private final LongAdder outboundDropped = new LongAdder();
    private volatile String lastMalformed;
    private volatile String lastDrop;

    private volatile BridgeContext context;
    private volatile LocalSession session;
    private PortLinks links;   // strand
    private volatile ScheduledFuture<?> rescanner;
    private volatile ScheduledFuture<?> refresher;
    private volatile boolean closed;

    @Activate
    public MidiBridge(MidiBridgeConfig config) {
        this(MidiSettings.from(config));
    }

    MidiBridge(MidiSettings settings) {
        this.settings = settings;
        this.ports = new SystemMidiPorts(providers);
        this.toClasp = settings.toClasp();
        this.toMidi = settings.toMidi();
    }

    /** A MIDI device provider another bundle registered as a service: its devices are ports too. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addProvider(MidiDeviceProvider provider) {
        providers.add(provider);
    }

    void removeProvider(MidiDeviceProvider provider) {
        providers.remove(provider);
    }

    @Override
    public void open(BridgeContext context) throws Exception {
        this.context = context;
        this.session = context.session();
        if (settings.fatal() != null) throw new IllegalArgumentException(settings.fatal());
        links = new PortLinks(ports, settings.input(), settings.output(), inbound);
        if (!settings.output().none()) session.subscribe(settings.base() + "/**", Set.of(), this::outbound);
        context.status(PluginState.CONNECTING, "looking for ports: " + links.describe());
        // the first look at the ports happens on the strand right after open, then every rescanSeconds
        rescanner = context.scheduleAtFixedRate(this::rescan, 0, settings.rescanSeconds(), TimeUnit.SECONDS);
        refresher = context.scheduleAtFixedRate(this::report, STATUS_SECONDS, STATUS_SECONDS, TimeUnit.SECONDS);
    }

    // ---- ports and status (strand)

    private void rescan() {
        if (closed) return;
        for (String change : links.rescan()) LOG.info("midi bridge {}: {}", context.id(), change);
        report();
    }

    private void report() {
        if (closed) return;
        PluginState state = links.complete() ? PluginState.ONLINE
                : links.everAttached() ? PluginState.OFFLINE : PluginState.CONNECTING;
        context.status(state, detail());
    }

    /** The status line: the ports, the base address and the counters. */
    String detail() {
        StringBuilder d = new StringBuilder(links.describe()).append("; ").append(settings.base())
                .append("; in ").append(received.sum()).append(" messages, ").append(written.sum())
                .append(" written, out ").append(sent.sum()).append(" messages");
        long bad = malformed.sum();
        if (bad > 0) d.append(", malformed ").append(bad).append(" (last: ").append(lastMalformed).append(')');
        long dropped = inboundDropped.sum() + outboundDropped.sum();
        if (dropped > 0) d.append(", dropped ").append(dropped).append(" (last: ").append(lastDrop).append(')');
        return d.toString();
    }

    // ---- outbound (strand)

    private void outbound(Message message) {
        String address;
        Value value;
        if (message instanceof SetMessage set) {
            address = set.address();
            value = set.value();
        } else if (message instanceof PublishMessage publish) {
            address = publish.address();
            value = publish.value();
        } else {
            return;   // only SETs and PUBLISHes go out (bridges.md §0.2)
        }
        List<byte[]> midi;
        try {
            midi = toMidi.toMidi(address, value);
        } catch (ClaspToMidi.Refused e) {
            dropOut(e.getMessage());
            return;
        }
        for (byte[] bytes : midi) {
            MidiMessage out;
            try {
                out = midiMessage(bytes);
            } catch (InvalidMidiDataException e) {
                dropOut("not a MIDI message: " + MidiToClasp.hex(bytes, bytes.length) + ": " + e.getMessage());
                return;
            }
            if (!links.send(out)) {
                dropOut("no output port: " + address);
                return;
            }
            sent.increment();
        }
    }

    /** Java Sound's message for bytes {@link ClaspToMidi} made: SysEx, or a short message of 1-3 bytes. */
    static MidiMessage midiMessage(byte[] bytes) throws InvalidMidiDataException {
        int status = bytes[0] & 0xFF;
        if (status == 0xF0) return new SysexMessage(bytes, bytes.length);
        return switch (bytes.length) {
            case 1 -> new ShortMessage(status);
            case 2 -> new ShortMessage(status, bytes[1], 0);
            default -> new ShortMessage(status, bytes[1], bytes[2]);
        };
    }

    private void dropOut(String why) {
        outboundDropped.increment();
        lastDrop = why;
    }

    // ---- close

    @Override
    public void close() {
        closed = true;
        for (ScheduledFuture<?> task : new ScheduledFuture<?>[] {rescanner, refresher}) {
            if (task != null) task.cancel(false);
        }
        if (links != null) links.close();
    }

    /** What the input port's transmitter delivers, on Java Sound's thread: decoded and written into the session. */
    private final class Inbound implements Receiver {
        @Override
        public void send(MidiMessage message, long timeStamp) {
            if (closed) return;
            received.increment();
            try {
                synchronized (toClasp) {
                    MidiToClasp.Decoded decoded = toClasp.decode(message.getMessage(), message.getLength());
                    if (decoded.problem() != null) {
                        malformed.increment();
                        lastMalformed = decoded.problem();
                    }
                    for (Message m : decoded.messages()) write(m);
                }
            } catch (RuntimeException e) {
                inboundDropped.increment();
                lastDrop = "inbound message failed: " + e;
            }
        }

        private void write(Message message) {
            try {
                if (message instanceof SetMessage set) session.set(set);
                else session.publish((PublishMessage) message);
                written.increment();
            } catch (ClaspException e) {
                inboundDropped.increment();
                lastDrop = "router refused " + (message instanceof SetMessage s ? s.address() : ((PublishMessage) message).address())
                        + ": " + e.getMessage();
            }
        }

        @Override
        public void close() {
            // the bridge's receiver lives as long as the bridge; closing a transmitter leaves it alone
        }
    }
}
