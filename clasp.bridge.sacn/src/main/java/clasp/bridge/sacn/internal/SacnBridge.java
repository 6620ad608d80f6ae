package clasp.bridge.sacn.internal;

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
import clasp.bridge.support.dmx.SlotAddress;
import clasp.bridge.support.dmx.SlotValues;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sACN (E1.31) bridge instance (factory configuration {@value #PID}), bridges.md §5.4. Outbound, SETs of
 * {@code {ns}/{U}/{slot}} on an output universe set that slot ({@link SlotValues}) and the universe goes out by
 * multicast and/or unicast as the {@link Sender} paces it. Inbound, datagrams on the E1.31 port are decoded
 * ({@link E131Codec}) and the {@link Receiver} merges the sources of each input universe into SETs.
 *
 * <p>Stop and hot swap. {@link #close} only stops: it leaves its streams to {@link Streams} (their frames, next
 * sequence numbers and receivers), keyed by the configuration. What happens to them depends on why the component
 * goes, which Declarative Services tells {@link #deactivate} after the router has closed the bridge: when its
 * configuration was deleted, they are ended at once with the terminated bit ({@link Terminator}); otherwise
 * (configuration changed, bundle updated or restarted) they wait for the next instance of the same configuration,
 * which goes on sending the universes it still has, numbered on from the last packet, after loading their slots from
 * the router's params before its first packet, and ends the universes it dropped. So a hot swap shows receivers no
 * dark frame and no gap longer than the swap, and a removal blacks out nothing by accident: receivers drop the source
 * and fall back to the others. An uninstalled bundle cannot be told from an updated one at that moment: its streams
 * are not ended, and receivers drop them after 2.5 s.
 *
 * <p>Threads. One Netty I/O thread of the instance's own ({@code clasp-bridge-sacn-<id>-io}) resolves the interface
 * and the unicast receivers, binds, joins the input groups, decodes datagrams and owns the {@link Receiver}, which
 * writes into the session (thread-safe) and whose expiry timer runs there too. The {@link Sender}, the outbound
 * subscription, the pacing, discovery and status run on the router's strand for this bridge. Counters are
 * thread-safe. The thread and the socket end in {@link #close}.
 */
// immediate: a delayed component would be disposed (reason unspecified) as soon as the router ungets the service,
// before Declarative Services could tell the real reason of the deactivation
@Component(configurationPid = SacnBridge.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true)
@Designate(ocd = SacnBridgeConfig.class, factory = true)
@ClaspBridge(protocol = "sacn")
public class SacnBridge implements Bridge {
    static final String PID = "clasp.bridge.sacn";
    /** {@code ComponentConstants.DEACTIVATION_REASON_CONFIGURATION_DELETED} of Declarative Services. */
    static final int CONFIGURATION_DELETED = 4;
    private static final Logger LOG = LoggerFactory.getLogger(SacnBridge.class);
    private static final long SHUTDOWN_WAIT_MS = 3_000;
    private static final long EXPIRY_CHECK_MS = 100;

    private final SacnSettings settings;
    private final String configuration;

    // Counters and the last reasons: any thread.
    private final LongAdder received = new LongAdder();
    private final LongAdder written = new LongAdder();
    private final LongAdder sent = new LongAdder();
    private final LongAdder malformed = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private volatile String lastMalformed;
    private volatile String lastDrop;

    // One open: set in open, read anywhere.
    private volatile BridgeContext context;
    private volatile LocalSession session;
    private volatile EventLoopGroup group;
    private volatile SacnSocket socket;
    private volatile Receiver receiver;   // used on the I/O thread
    private volatile UUID cid;
    private volatile boolean closed;
    // Written on the I/O thread before bound() is queued to the strand, read on the strand after.
    private volatile NetworkInterface multicastInterface;
    private volatile List<InetSocketAddress> unicast = List.of();
    private volatile List<String> unknownHosts = List.of();

    // The strand's.
    private Sender sender;
    private boolean ready;
    private boolean pumpQueued;
    private ScheduledFuture<?> wake;
    private long wakeAt;
    private ScheduledFuture<?> refresher;
    private ScheduledFuture<?> announcer;
    private volatile String state = "";
    private volatile PluginState reportedState;

    @Activate
    public SacnBridge(SacnBridgeConfig config, Map<String, Object> properties) {
        this(SacnSettings.from(config), String.valueOf(properties.get("service.pid")));
    }

    /** @param configuration what identifies the configuration across re-creations (its PID) */
    SacnBridge(SacnSettings settings, String configuration) {
        this.settings = settings;
        this.configuration = configuration;
    }

    static String threadPrefix(String bridgeId) {
        return "clasp-bridge-sacn-" + bridgeId;
    }

    @Override
    public void open(BridgeContext context) throws Exception {
        this.context = context;
        this.session = context.session();
        closed = false;
        ready = false;        // a bridge the router opens again (after the router itself came back) starts afresh
        pumpQueued = false;
        wake = null;
        if (settings.fatal() != null) throw new IllegalArgumentException(settings.fatal());
        UUID source = settings.cid() != null ? settings.cid() : E131.cidOf(context.id());
        cid = source;
        sender = new Sender(source, settings.sourceName(), settings.priority(), settings.syncUniverse(),
                Streams.sequences(source), () -> ThreadLocalRandom.current().nextInt(256));
        Streams.Parked parked = Streams.take(configuration);
        List<Integer> ending = new ArrayList<>();
        if (parked != null) {
            for (Map.Entry<Integer, byte[]> e : parked.frames().entrySet()) {
                int u = e.getKey();
                if (!parked.cid().equals(source) || !settings.outputs().contains(u)) {
                    ending.add(u);
                    continue;
                }
                byte[] frame = e.getValue();   // the predecessor's last look, until the router's params say otherwise
                sender.start(u);
                for (int slot = 1; slot <= frame.length; slot++) sender.set(u, slot, frame[slot - 1] & 0xFF);
            }
        }
        if (!settings.outputs().isEmpty()) {
            session.subscribe(settings.namespace() + "/*/*", Set.of(), this::outbound);
            load();
        }
        receiver = settings.receives() ? new Receiver(settings.namespace(), settings.inputs(), settings.merge(),
                settings.acceptPreview(), settings.values(), source, this::write) : null;
        EventLoopGroup loops = new MultiThreadIoEventLoopGroup(1,
                new DefaultThreadFactory(threadPrefix(context.id()) + "-io", true), NioIoHandler.newFactory());
        group = loops;
        socket = new SacnSocket(loops, new Events());
        report(PluginState.CONNECTING, "binding udp " + local().getHostString() + ":" + local().getPort());
        loops.execute(() -> bind(parked, ending));   // interface lookup, name resolution and the bind: not here
        refresher = context.scheduleAtFixedRate(this::refresh, 1, 1, TimeUnit.SECONDS);
    }

    /** The slots of the output universes as the router holds them, so that a re-created instance sends no dark frame. */
    private void load() {
        try {
            for (ParamState param : session.params(settings.namespace() + "/*/*")) {
                SlotAddress slot = SlotAddress.parse(settings.namespace(), param.address(), E131.MIN_UNIVERSE, E131.MAX_UNIVERSE);
                if (slot == null || !settings.outputs().contains(slot.universe())) continue;
                int v = settings.values().toSlot(param.value());
                if (v != SlotValues.NOT_NUMERIC) sender.set(slot.universe(), slot.slot(), v);
            }
        } catch (ClaspException e) {
            dropOut("cannot read the output universes' params: " + e.getMessage());
        }
    }

    private InetSocketAddress local() {
        return settings.receives() ? new InetSocketAddress(settings.bindAddress(), settings.port()) : new InetSocketAddress(0);
    }

    // ---- the socket (I/O thread)

    private void bind(Streams.Parked parked, List<Integer> ending) {
        NetworkInterface nif;
        try {
            nif = Interfaces.pick(settings.multicastInterface());
        } catch (Exception e) {
            failed("multicast interface: " + e.getMessage());
            return;
        }
        multicastInterface = nif;
        List<InetSocketAddress> resolved = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (InetSocketAddress d : settings.unicast()) {
            InetAddress a = ipv4(d.getHostString());
            if (a == null) unknown.add(d.getHostString());
            else resolved.add(new InetSocketAddress(a, d.getPort()));
        }
        unicast = List.copyOf(resolved);
        unknownHosts = List.copyOf(unknown);
        if (parked != null && !ending.isEmpty()) Terminator.terminate(parked, ending);
        InetSocketAddress local = local();
        if (local.isUnresolved()) {
            failed("cannot bind udp " + settings.bindAddress() + ": unknown host");
            return;
        }
        List<InetAddress> groups = new ArrayList<>();
        for (int u : settings.inputs()) groups.add(E131.multicastGroup(u));
        if (settings.discovery()) groups.add(E131.multicastGroup(E131.DISCOVERY_UNIVERSE));
        if (closed) return;
        socket.open(local, nif, groups);
    }

    private static InetAddress ipv4(String host) {
        try {
            for (InetAddress a : InetAddress.getAllByName(host)) if (a instanceof Inet4Address) return a;
        } catch (UnknownHostException e) {
            // reported as unknown
        }
        return null;
    }

    private void failed(String why) {
        onStrand(() -> report(PluginState.FAILED, why));
    }

    private void inbound(ByteBuf content, InetSocketAddress from) {
        received.increment();
        Receiver r = receiver;
        if (r == null) return;   // an output-only instance listens on a port of its own: nothing is meant for it
        E131Packet packet;
        try {
            packet = E131Codec.decode(content);
        } catch (MalformedPacket e) {
            malformed.increment();
            lastMalformed = e.getMessage() + " from " + from.getAddress().getHostAddress();
            return;
        }
        long now = System.nanoTime();
        if (packet instanceof E131Packet.Data d) {
            String why = r.receive(d, now);
            if (why != null) dropIn(why);
        } else if (packet instanceof E131Packet.Discovery d) {
            r.discovery(d, now);
        }
        // synchronization packets: inbound data is applied as it arrives (see docs/protocol.md)
    }

    /** The receiver's SETs, on the I/O thread. */
    private void write(String address, Value value) {
        try {
            session.set(address, value);
            written.increment();
        } catch (ClaspException e) {
            dropIn("router refused " + address + ": " + e.getMessage());
        }
    }

    private void dropIn(String why) {
        dropped.increment();
        lastDrop = why;
    }

    // ---- outbound (strand)

    private void outbound(Message message) {
        String address;
        Value value;
        if (message instanceof SetMessage set) {
            address = set.address();
            value = set.value();
        } else if (message instanceof PublishMessage publish && publish.value() != null) {
            address = publish.address();
            value = publish.value();
        } else {
            return;   // only values go out (bridges.md §0.2)
        }
        SlotAddress slot = SlotAddress.parse(settings.namespace(), address, E131.MIN_UNIVERSE, E131.MAX_UNIVERSE);
        if (slot == null || !settings.outputs().contains(slot.universe())) return;   // _source, _active, input universes
        int v = settings.values().toSlot(value);
        if (v == SlotValues.NOT_NUMERIC) {
            dropOut("not a slot value: " + address + " = " + value);
            return;
        }
        sender.set(slot.universe(), slot.slot(), v);
        schedulePump();
    }

    /** Sends what is due once the SETs queued now have been taken, so that a burst goes out as one frame. */
    private void schedulePump() {
        if (pumpQueued) return;
        pumpQueued = true;
        context.execute(this::pump);
    }

    private void pump() {
        pumpQueued = false;
        if (!ready || closed) return;
        long now = System.nanoTime();
        List<E131Packet.Data> batch = sender.due(now);
        for (E131Packet.Data d : batch) send(d, targets(d.universe()));
        if (!batch.isEmpty()) {
            for (E131Packet.Sync s : sender.sync()) send(s, targets(settings.syncUniverse()));
        }
        long delay = sender.delay(now);
        if (delay >= 0) wakeAt(now + Math.max(delay, TimeUnit.MILLISECONDS.toNanos(1)), now);
    }

    private void wakeAt(long at, long now) {
        // a wake still to come and not later is kept; one due by now is the pump running now, or stale
        if (wake != null && !wake.isDone() && wakeAt > now && wakeAt <= at) return;
        if (wake != null) wake.cancel(false);
        wakeAt = at;
        wake = context.schedule(this::pump, at - now, TimeUnit.NANOSECONDS);
    }

    /** Where a universe's packets go: its multicast group and the unicast receivers. */
    private List<InetSocketAddress> targets(int universe) {
        List<InetSocketAddress> targets = new ArrayList<>(unicast.size() + 1);
        if (settings.multicast()) targets.add(new InetSocketAddress(E131.multicastGroup(universe), settings.port()));
        targets.addAll(unicast);
        return targets;
    }

    private void send(E131Packet packet, List<InetSocketAddress> targets) {
        ByteBuf bytes = ByteBufAllocator.DEFAULT.buffer(E131Codec.dataLength(512));
        try {
            E131Codec.encode(packet, bytes);
            socket.send(bytes, targets);
        } finally {
            bytes.release();
        }
    }

    /** Universe discovery: the output universes, 512 a page, every 10 s. */
    private void announce() {
        if (!ready || closed) return;
        List<Integer> list = new ArrayList<>(new TreeSet<>(settings.outputs()));
        int pages = Math.max(1, (list.size() + E131.UNIVERSES_PER_PAGE - 1) / E131.UNIVERSES_PER_PAGE);
        for (int page = 0; page < pages; page++) {
            List<Integer> part = list.subList(page * E131.UNIVERSES_PER_PAGE,
                    Math.min(list.size(), (page + 1) * E131.UNIVERSES_PER_PAGE));
            int[] universes = part.stream().mapToInt(Integer::intValue).toArray();
            send(new E131Packet.Discovery(cid, settings.sourceName(), page, pages - 1, universes),
                    targets(E131.DISCOVERY_UNIVERSE));
        }
    }

    private void dropOut(String why) {
        dropped.increment();
        lastDrop = why;
    }

    // ---- status (strand)

    private void bound(InetSocketAddress at, List<String> problems) {
        if (closed) return;
        ready = true;
        List<String> trouble = new ArrayList<>(problems);
        if (!unknownHosts.isEmpty()) trouble.add("unknown unicast hosts: " + String.join(", ", unknownHosts));
        StringBuilder what = new StringBuilder();
        if (!settings.outputs().isEmpty()) {
            what.append("sending universes ").append(Universes.format(settings.outputs())).append(" to ");
            List<String> to = new ArrayList<>();
            if (settings.multicast()) to.add("multicast on " + Interfaces.describe(multicastInterface));
            for (InetSocketAddress u : unicast) to.add(u.getAddress().getHostAddress() + ":" + u.getPort());
            what.append(String.join(" and ", to)).append(" as '").append(settings.sourceName()).append("' ")
                    .append(cid).append(" at priority ").append(settings.priority());
            if (settings.syncUniverse() != 0) what.append(", synchronized on ").append(settings.syncUniverse());
        }
        if (settings.receives()) {
            if (what.length() > 0) what.append("; ");
            what.append("receiving ").append(settings.inputs().isEmpty() ? "discovery only"
                            : "universes " + Universes.format(settings.inputs()))
                    .append(" on udp ").append(at.getAddress().getHostAddress()).append(':').append(at.getPort())
                    .append(" and ").append(Interfaces.describe(multicastInterface));
        }
        if (!trouble.isEmpty()) what.append(" (").append(String.join("; ", trouble)).append(')');
        report(trouble.isEmpty() ? PluginState.ONLINE : PluginState.FAILED, what.toString());
        Receiver r = receiver;
        if (r != null) {
            group.scheduleAtFixedRate(() -> r.expire(System.nanoTime()), EXPIRY_CHECK_MS, EXPIRY_CHECK_MS, TimeUnit.MILLISECONDS);
        }
        if (settings.discovery() && !settings.outputs().isEmpty()) {
            announcer = context.scheduleAtFixedRate(this::announce, 0, E131.DISCOVERY_INTERVAL_NANOS, TimeUnit.NANOSECONDS);
        }
        pump();
    }

    /** The bound local address, or null before the bind completed. */
    InetSocketAddress localAddress() {
        SacnSocket s = socket;
        return s == null ? null : s.localAddress();
    }

    private void report(PluginState s, String text) {
        reportedState = s;
        state = text;
        context.status(s, detail());
    }

    private void refresh() {
        if (reportedState != null && !closed) context.status(reportedState, detail());
    }

    /** The status line: what the bridge does and its counters. */
    String detail() {
        StringBuilder d = new StringBuilder(state).append(';');
        if (!settings.outputs().isEmpty()) d.append(" out ").append(sent.sum()).append(" packets,");
        Receiver r = receiver;
        if (r != null) {
            d.append(" in ").append(received.sum()).append(" packets, ").append(written.sum()).append(" written, ")
                    .append(r.sources()).append(r.sources() == 1 ? " source" : " sources");
            if (!r.discovered().isEmpty()) d.append(", discovered ").append(r.discovered());
        }
        if (d.charAt(d.length() - 1) == ',') d.setLength(d.length() - 1);
        long bad = malformed.sum();
        if (bad > 0) d.append(", malformed ").append(bad).append(" (last: ").append(lastMalformed).append(')');
        long lost = dropped.sum();
        if (lost > 0) d.append(", dropped ").append(lost).append(" (last: ").append(lastDrop).append(')');
        return d.toString();
    }

    // ---- stop

    @Override
    public void close() {
        closed = true;
        for (ScheduledFuture<?> f : new ScheduledFuture<?>[] {refresher, wake, announcer}) if (f != null) f.cancel(false);
        Sender s = sender;
        if (s != null && !s.sentFrames().isEmpty()) {
            Streams.remember(s.cid(), s.nextSequences());
            Streams.park(configuration, new Streams.Parked(s.cid(), settings.sourceName(), settings.priority(),
                    s.sentFrames(), settings.multicast(), settings.port(), multicastInterface, unicast));
        }
        SacnSocket sock = socket;
        if (sock != null) sock.close();
        EventLoopGroup g = group;
        if (g != null && !g.shutdownGracefully(0, SHUTDOWN_WAIT_MS, TimeUnit.MILLISECONDS)
                .awaitUninterruptibly(SHUTDOWN_WAIT_MS)) {
            LOG.warn("sacn bridge {}: its I/O thread did not end within {} ms", context.id(), SHUTDOWN_WAIT_MS);
        }
    }

    /**
     * After {@link #close} (Declarative Services unregisters the service first, and the router closes the bridge
     * then): a deleted configuration ends the streams this instance left; any other reason leaves them to the next
     * instance of the same configuration.
     */
    @Deactivate
    void deactivate(int reason) {
        LOG.debug("sacn bridge {}: deactivated (reason {})", configuration, reason);
        if (reason != CONFIGURATION_DELETED) return;
        Streams.Parked parked = Streams.take(configuration);
        if (parked == null) return;
        int sent = Terminator.terminate(parked, parked.frames().keySet());
        LOG.info("sacn bridge {}: configuration deleted, universes {} ended ({} packets with the terminated bit)",
                configuration, Universes.format(parked.frames().keySet()), sent);
    }

    private void onStrand(Runnable task) {
        if (!closed) context.execute(task);
    }

    /** What the socket reports, on the I/O thread: packets are handled here, status goes to the strand. */
    private final class Events implements SacnSocket.Events {
        @Override public void packet(ByteBuf content, InetSocketAddress from) { inbound(content, from); }

        @Override public void bound(InetSocketAddress local, List<String> problems) {
            onStrand(() -> SacnBridge.this.bound(local, problems));
        }

        @Override public void failed(String why) { SacnBridge.this.failed(why); }

        @Override public void sent() { sent.increment(); }

        @Override public void notSent(String why) { dropOut(why); }
    }
}
