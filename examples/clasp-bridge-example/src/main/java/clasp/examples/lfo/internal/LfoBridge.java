package clasp.examples.lfo.internal;

import static clasp.examples.lfo.internal.LfoSettings.hz;

import clasp.api.FloatValue;
import clasp.api.GesturePhase;
import clasp.api.IntValue;
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
import clasp.api.router.Subscription;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bridge to nothing but an oscillator: one instance per factory configuration {@code clasp.bridge.lfo},
 * publishing {@code <prefix>/<id>/sine}, {@code …/triangle}, {@code …/square} and {@code …/saw} (values in
 * [-1, 1]) {@code rateHz} times a second, as params (SET) or stream samples (PUBLISH). The oscillator's
 * frequency is the param {@code <prefix>/<id>/rate}: the bridge writes it at open, follows what clients write
 * there, and writes back the value it used when it had to correct one.
 *
 * <p>Everything runs on the strand the router gives the bridge: {@code open}, the ticks it schedules through
 * the context and the listener of its subscription, one at a time, in order, never concurrently. So the state
 * below needs no locks, and the bridge starts no thread of its own. A configuration change re-creates the component (there is no
 * {@code @Modified}): the router closes this instance and opens the new one.
 */
@Component(configurationPid = "clasp.bridge.lfo", configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = LfoBridgeConfig.class, factory = true)
@ClaspBridge(protocol = "lfo")
public class LfoBridge implements Bridge {
    private static final Logger LOG = LoggerFactory.getLogger(LfoBridge.class);

    private final LfoSettings settings;
    private final LongSupplier nanoClock;

    // Used on the bridge's strand only; close may run elsewhere when the strand is stuck, hence volatile there.
    private BridgeContext context;
    private LocalSession session;
    private Oscillator oscillator;
    private List<Waveform> waveforms;
    private String[] addresses;
    private String rateAddress;
    private long lastTickNanos;
    private boolean ticked;
    private String failure;   // why the last write was refused; null while writes pass
    private volatile ScheduledFuture<?> ticks;
    private volatile Subscription rateSubscription;

    @Activate
    public LfoBridge(LfoBridgeConfig config) {
        this(LfoSettings.from(config), System::nanoTime);
    }

    /** For tests: settings already checked, and a clock in nanoseconds. */
    LfoBridge(LfoSettings settings, LongSupplier nanoClock) {
        this.settings = settings;
        this.nanoClock = nanoClock;
    }

    @Override
    public void open(BridgeContext context) throws Exception {
        this.context = context;
        session = context.session();
        String base = settings.prefix() + "/" + context.id();
        rateAddress = base + "/rate";
        waveforms = settings.waveforms();
        addresses = new String[waveforms.size()];
        for (int i = 0; i < addresses.length; i++) {
            addresses[i] = base + "/" + waveforms.get(i).segment();
        }
        oscillator = new Oscillator(settings.frequencyHz());

        // The configured frequency wins over what a client wrote before this instance opened.
        session.set(rateAddress, Value.of(oscillator.frequencyHz()));
        rateSubscription = session.subscribe(rateAddress, Set.of(SignalType.PARAM), this::onRate);
        long periodNanos = Math.max(1, Math.round(TimeUnit.SECONDS.toNanos(1) / settings.rateHz()));
        ticks = context.scheduleAtFixedRate(this::tick, 0, periodNanos, TimeUnit.NANOSECONDS);
        context.status(PluginState.ONLINE, detail());
    }

    /** One sample of every waveform, at the phase the real elapsed time gives. */
    private void tick() {
        long now = nanoClock.getAsLong();
        if (ticked) {
            oscillator.advance((now - lastTickNanos) / 1e9);
        }
        ticked = true;
        lastTickNanos = now;
        for (int i = 0; i < addresses.length; i++) {
            write(addresses[i], oscillator.value(waveforms.get(i)));
        }
    }

    private void write(String address, double value) {
        try {
            if (settings.stream()) {
                session.publish(new PublishMessage(address, SignalType.STREAM, Value.of(value), null, null, null,
                        GesturePhase.START, null));
            } else {
                session.set(address, Value.of(value));
            }
            if (failure != null) {
                failure = null;
                report();
            }
        } catch (ClaspException e) {
            String why = "router refused " + address + ": " + e.getMessage();
            if (!why.equals(failure)) {   // once per distinct reason, not once per tick
                failure = why;
                report();
            }
        }
    }

    /** A client wrote {@code <prefix>/<id>/rate}: follow it, within range. */
    private void onRate(Message message) {
        if (!(message instanceof SetMessage)) return;
        Value value = ((SetMessage) message).value();
        Double requested = number(value);
        double used = requested == null ? oscillator.frequencyHz() : settings.clampFrequency(requested);
        oscillator.frequencyHz(used);
        if (requested == null || requested != used) {
            LOG.info("lfo bridge {}: rate {} corrected to {} Hz", context.id(), requested == null ? "(not a number)" : requested, used);
            // Tell every client what is in effect; our own write does not come back to us.
            try {
                session.set(rateAddress, Value.of(used));
            } catch (ClaspException e) {
                failure = "router refused " + rateAddress + ": " + e.getMessage();
            }
        }
        report();
    }

    private static Double number(Value value) {
        if (value instanceof FloatValue) return ((FloatValue) value).value();
        if (value instanceof IntValue) return (double) ((IntValue) value).value();
        return null;
    }

    private void report() {
        if (failure != null) {
            context.status(PluginState.OFFLINE, failure);
        } else {
            context.status(PluginState.ONLINE, detail());
        }
    }

    /** For example "4 waveforms at 30 Hz, 0.5 Hz". */
    String detail() {
        int n = waveforms.size();
        StringBuilder s = new StringBuilder()
                .append(n).append(n == 1 ? " waveform at " : " waveforms at ").append(hz(settings.rateHz())).append(" Hz, ")
                .append(hz(oscillator.frequencyHz())).append(" Hz");
        if (settings.stream()) s.append(", as stream samples");
        if (!settings.problems().isEmpty()) s.append(" (").append(String.join("; ", settings.problems())).append(')');
        return s.toString();
    }

    /**
     * Releases what open created. The router has already cancelled the ticks and closed the session with its
     * subscription; doing it again is harmless, and keeps this bridge correct under any host.
     */
    @Override
    public void close() {
        ScheduledFuture<?> t = ticks;
        ticks = null;
        if (t != null) t.cancel(false);
        Subscription s = rateSubscription;
        rateSubscription = null;
        if (s != null) {
            try {
                s.close();
            } catch (RuntimeException alreadyGone) {
                // the session is closed already: nothing left to release
            }
        }
        session = null;
        context = null;
    }
}
