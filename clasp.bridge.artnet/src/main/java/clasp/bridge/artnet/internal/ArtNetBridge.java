package clasp.bridge.artnet.internal;

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
import clasp.bridge.support.dmx.SourceMerge;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Art-Net bridge instance (factory configuration {@value #PID}), bridges.md §4 with the §4.5 choices.
 *
 * <p>Out: every SET (or PUBLISH with a value) of a slot address under the namespace sets that slot
 * ({@link SlotValues}); the {@link Transmitter} sends each universe as ArtDmx, paced and kept alive, to the targets
 * {@link Nodes} gives: the configured nodes, the broadcast address and the nodes that asked for it in an
 * ArtPollReply. A new instance first takes the router's current values of its slots, so its first frame of a universe
 * is the current look. In: every ArtDmx goes through the {@link Receiver} (universe filter, sequence, merge), whose
 * changed slots are written as SETs of {@code <namespace>/<universe>/<slot>} through the bridge's session. In node
 * mode the bridge answers ArtPoll with ArtPollReplies ({@link NodeReplies}) and announces itself to the configured
 * nodes and the broadcast address every poll interval.
 *
 * <p>Loop prevention: the bridge's session never receives the bridge's own writes, so what it received is not sent
 * back out; a datagram from its own socket address (its broadcasts coming back) is ignored.
 *
 * <p>Threads. One Netty I/O thread of the instance's own ({@code clasp-bridge-artnet-<id>-io}) resolves the hosts,
 * binds, reads and decodes every datagram, and owns the {@link Receiver}, the node identity and the resolved fixed
 * targets; it writes SETs into the session (which is thread-safe) and sends ArtPolls and ArtPollReplies. The router's
 * strand for this bridge owns the {@link Transmitter} and {@link Nodes}: outbound messages, the paced sends and the
 * status run there; what the I/O thread learns for them (the bind, discovered nodes) is handed over with
 * {@code context.execute}. Counters are thread-safe. The thread and the socket end in {@link #close}.
 */
@Component(configurationPid = ArtNetBridge.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = ArtNetBridgeConfig.class, factory = true)
@ClaspBridge(protocol = "artnet")
public class ArtNetBridge implements Bridge {
    static final String PID = "clasp.bridge.artnet";
    private static final Logger LOG = LoggerFactory.getLogger(ArtNetBridge.class);
    private static final long SHUTDOWN_WAIT_MS = 3_000;

    private final ArtNetSettings settings;

    // Counters and the last reasons: any thread.
    private final LongAdder sent = new LongAdder();
    private final LongAdder received = new LongAdder();
    private final LongAdder written = new LongAdder();
    private final LongAdder malformed = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private volatile String lastMalformed;
    private volatile String lastDrop;

    // Strand.
    private Transmitter transmitter;
    private Nodes nodes;
    private String listening = "";
    private PluginState reportedState;

    // I/O thread (set before the bind, read there after).
    private Receiver receiver;
    private NodeReplies identity;
    private List<InetSocketAddress> fixedTargets = List.of();
    private Set<InetAddress> ownAddresses = Set.of();
    private int localPort = -1;
    private List<String> unknownHosts = List.of();
    private long replyCount;

    private volatile BridgeContext context;
    private volatile LocalSession session;
    private volatile EventLoopGroup group;
    private volatile ArtNetSocket socket;
    private volatile ScheduledFuture<?> housekeeping;
    private volatile boolean closed;

    @Activate
    public ArtNetBridge(ArtNetBridgeConfig config) {
        this(ArtNetSettings.from(config));
    }

    ArtNetBridge(ArtNetSettings settings) {
        this.settings = settings;
    }

    static String threadPrefix(String bridgeId) {
        return "clasp-bridge-artnet-" + bridgeId;
    }

    @Override
    public void open(BridgeContext context) throws Exception {
        this.context = context;
        this.session = context.session();
        if (settings.fatal() != null) throw new IllegalArgumentException(settings.fatal());
        transmitter = new Transmitter(settings.outputUniverses(), TimeUnit.MILLISECONDS.toNanos(settings.keepAliveMillis()),
                settings.artSync(), System::nanoTime, new OnStrand(), new Output());
        nodes = new Nodes(TimeUnit.MILLISECONDS.toNanos(settings.nodeTimeoutMillis()));
        receiver = new Receiver(settings.inputUniverses(), settings.merge(),
                TimeUnit.MILLISECONDS.toNanos(settings.sourceTimeoutMillis()), System::nanoTime, this::write);
        EventLoopGroup loops = new MultiThreadIoEventLoopGroup(1,
                new DefaultThreadFactory(threadPrefix(context.id()) + "-io", true), NioIoHandler.newFactory());
        group = loops;
        session.subscribe(settings.namespace() + "/**", Set.of(), this::outbound);
        takeCurrentValues();
        listening = "binding udp " + settings.bindAddress() + ":" + settings.port();
        report(PluginState.CONNECTING);
        loops.execute(this::bind);   // name resolution and the bind happen on the I/O thread, not here
        housekeeping = context.scheduleAtFixedRate(this::housekeeping, 1, 1, TimeUnit.SECONDS);
    }

    /**
     * The router's current values of the slots as the session sees them (its scopes and snapshot filters apply),
     * oldest write first, so that the first frames show the current look. Deliveries queued meanwhile follow on the
     * strand and bring anything newer.
     */
    private void takeCurrentValues() throws ClaspException {
        List<ParamState> params = new ArrayList<>(session.params(settings.namespace() + "/**"));
        params.sort(Comparator.comparingLong(ParamState::timestamp).thenComparingLong(ParamState::revision));
        for (ParamState p : params) apply(p.address(), p.value());
    }

    // ---- the socket (I/O thread)

    private void bind() {
        List<InetSocketAddress> targets = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        List<InetSocketAddress> configured = new ArrayList<>(settings.nodes());
        if (settings.broadcast() != null) configured.add(settings.broadcast());
        for (InetSocketAddress target : configured) {
            InetSocketAddress address = new InetSocketAddress(target.getHostString(), target.getPort());
            if (address.isUnresolved()) unknown.add(target.getHostString());
            else if (!targets.contains(address)) targets.add(address);
        }
        fixedTargets = List.copyOf(targets);
        InetSocketAddress local = new InetSocketAddress(settings.bindAddress(), settings.port());
        if (local.isUnresolved()) {
            failed("cannot bind udp " + settings.bindAddress() + ": unknown host");
            return;
        }
        InetAddress bound = local.getAddress();
        ownAddresses = bound.isAnyLocalAddress() ? Hosts.localAddresses() : Set.of(bound);
        String longName = settings.longName().isEmpty() ? "CLASP Art-Net bridge " + context.id() : settings.longName();
        identity = new NodeReplies(Hosts.ownIpv4(bound), settings.shortName(), longName,
                settings.merge() == SourceMerge.Mode.LTP);
        unknownHosts = List.copyOf(unknown);
        List<InetSocketAddress> fixed = fixedTargets;
        onStrand(() -> nodes.fixed(fixed));
        ArtNetSocket s = new ArtNetSocket(group, local, new Events());
        socket = s;
        if (closed) return;
        s.open();
    }

    /** Bound: the periodic polls and announcements and the source expiry start here, the sending on the strand. */
    private void bound(InetSocketAddress local) {
        localPort = local.getPort();
        if (settings.discoverNodes() || settings.node()) {
            group.scheduleAtFixedRate(this::pollAndAnnounce, 0, settings.pollIntervalMillis(), TimeUnit.MILLISECONDS);
        }
        group.scheduleAtFixedRate(receiver::expire, 1, 1, TimeUnit.SECONDS);
        List<String> unknown = unknownHosts;
        onStrand(() -> {
            StringBuilder what = new StringBuilder("listening on udp ").append(Hosts.hostPort(local));
            if (settings.node()) what.append(" as a node");
            if (!unknown.isEmpty()) what.append(" (unknown hosts: ").append(String.join(", ", unknown)).append(')');
            listening = what.toString();
            transmitter.start();
            report(unknown.isEmpty() ? PluginState.ONLINE : PluginState.FAILED);
        });
    }

    private void failed(String why) {
        onStrand(() -> {
            listening = why;
            report(PluginState.FAILED);
        });
    }

    private void pollAndAnnounce() {
        if (fixedTargets.isEmpty()) return;
        if (settings.discoverNodes()) {
            ByteBuf poll = ByteBufAllocator.DEFAULT.buffer(ArtPoll.BYTES);
            try {
                new ArtPoll(0, 0).encode(poll);
                socket.send(poll, fixedTargets);
            } finally {
                poll.release();
            }
        }
        if (settings.node()) announce(fixedTargets);
    }

    /** Sends the node's ArtPollReplies to {@code targets}. */
    private void announce(List<InetSocketAddress> targets) {
        Map<Integer, Receiver.State> states = receiver.universes();
        Map<Integer, Receiver.State> takes = new TreeMap<>();
        if (settings.inputUniverses().all()) takes.putAll(states);
        else for (int u : settings.inputUniverses().listed()) takes.put(u, states.get(u));
        List<Integer> puts = settings.outputUniverses().all() ? transmitter.universes() : settings.outputUniverses().listed();
        for (ArtPollReply reply : identity.replies(takes, puts, ++replyCount)) {
            ByteBuf bytes = ByteBufAllocator.DEFAULT.buffer(ArtPollReply.BYTES);
            try {
                reply.encode(bytes);
                socket.send(bytes, targets);
            } finally {
                bytes.release();
            }
        }
    }

    // ---- inbound (I/O thread)

    private void inbound(ByteBuf content, InetSocketAddress sender) {
        if (sender.getPort() == localPort && ownAddresses.contains(sender.getAddress())) return;   // our own broadcast
        received.increment();
        try {
            switch (ArtNet.opCode(content)) {
                case ArtNet.OP_DMX -> {
                    String why = receiver.receive(sender.getAddress(), ArtDmx.decode(content));
                    if (why != null) drop(why);
                }
                case ArtNet.OP_POLL -> {
                    ArtPoll.decode(content);
                    if (settings.node()) announce(List.of(sender));
                }
                case ArtNet.OP_POLL_REPLY -> {
                    ArtPollReply reply = ArtPollReply.decode(content);
                    long now = System.nanoTime();
                    if (settings.discoverNodes()) onStrand(() -> nodes.heard(sender, reply, now));
                }
                case ArtNet.OP_SYNC -> ArtSync.decode(content);   // slots are written at once: nothing to hold
                default -> { }   // ArtAddress, ArtTodRequest, …: not for this bridge
            }
        } catch (ArtNetFormatException e) {
            malformed.increment();
            lastMalformed = e.getMessage() + " from " + Hosts.hostPort(sender);
        }
    }

    /** A slot whose merged value changed: a SET through the bridge's session. */
    private void write(int universe, int slot, int value) {
        String address = settings.namespace() + '/' + universe + '/' + slot;
        try {
            session.set(address, settings.values().toClasp(value));
            written.increment();
        } catch (ClaspException e) {
            drop("router refused " + address + ": " + e.getMessage());
        }
    }

    // ---- outbound (strand)

    private void outbound(Message message) {
        String why;
        if (message instanceof SetMessage set) why = apply(set.address(), set.value());
        else if (message instanceof PublishMessage publish && publish.value() != null) why = apply(publish.address(), publish.value());
        else return;   // only values set slots (bridges.md §0.2)
        if (why != null) drop(why);
    }

    /** Sets the slot {@code address} names to {@code value}; returns why not, or null. */
    private String apply(String address, Value value) {
        SlotAddress slot = slot(address);
        if (slot == null) {
            return address + " is not " + settings.namespace() + "/<universe 0-32767>/<slot 1-512> nor "
                    + settings.namespace() + "/<net>/<subnet>/<universe>/<slot>";
        }
        int slotValue = settings.values().toSlot(value);
        if (slotValue == SlotValues.NOT_NUMERIC) return "a " + value.kind() + " is no slot value (" + address + ")";
        if (!transmitter.set(slot.universe(), slot.slot(), slotValue)) {
            return "universe " + slot.universe() + " is not in outputUniverses (" + address + ")";
        }
        return null;
    }

    /** The slot of {@code <ns>/<universe>/<slot>} or {@code <ns>/<net>/<subnet>/<universe>/<slot>}, or null. */
    private SlotAddress slot(String address) {
        SlotAddress flat = SlotAddress.parse(settings.namespace(), address, 0, ArtNet.MAX_PORT_ADDRESS);
        if (flat != null) return flat;
        int[] n = SlotAddress.numbersAfter(settings.namespace(), address, 4);
        if (n == null || n[0] > 127 || n[1] > 15 || n[2] > 15 || n[3] < 1 || n[3] > SlotAddress.SLOTS) return null;
        return new SlotAddress(ArtNet.portAddress(n[0], n[1], n[2]), n[3]);
    }

    /** Where the transmitter's packets go (strand). */
    private final class Output implements Transmitter.Output {
        @Override
        public void dmx(int universe, int sequence, byte[] slots) {
            List<InetSocketAddress> targets = nodes.targets(universe);
            ArtNetSocket s = socket;
            if (targets.isEmpty() || s == null) return;
            ByteBuf bytes = ByteBufAllocator.DEFAULT.buffer(ArtDmx.FULL_BYTES);
            try {
                ArtDmx.encode(bytes, sequence, 0, universe, slots, SlotAddress.SLOTS);
                s.send(bytes, targets);
            } finally {
                bytes.release();
            }
        }

        @Override
        public void sync() {
            List<InetSocketAddress> targets = nodes.all();
            ArtNetSocket s = socket;
            if (targets.isEmpty() || s == null) return;
            ByteBuf bytes = ByteBufAllocator.DEFAULT.buffer(ArtSync.BYTES);
            try {
                ArtSync.encode(bytes);
                s.send(bytes, targets);
            } finally {
                bytes.release();
            }
        }
    }

    /** The transmitter's strand: this bridge's. */
    private final class OnStrand implements Transmitter.Strand {
        @Override public void execute(Runnable task) { onStrand(task); }

        @Override public ScheduledFuture<?> schedule(Runnable task, long delayNanos) {
            return context.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
        }
    }

    // ---- status (strand)

    private void housekeeping() {
        nodes.expire(System.nanoTime());
        if (reportedState != null && !closed) context.status(reportedState, detail());
    }

    private void report(PluginState s) {
        reportedState = s;
        context.status(s, detail());
    }

    /** The status line: where it listens, its nodes, universes and counters. */
    String detail() {
        StringBuilder d = new StringBuilder(listening);
        d.append("; nodes ").append(nodes.fixedCount()).append(" configured, ").append(nodes.discoveredCount())
                .append(" discovered; out universes ").append(UniverseSet.compact(transmitter.universes()))
                .append(", ").append(sent.sum()).append(" packets sent; in universes ")
                .append(UniverseSet.compact(receiver.heard())).append(", ").append(received.sum())
                .append(" packets received, ").append(written.sum()).append(" SETs");
        long bad = malformed.sum();
        if (bad > 0) d.append("; malformed ").append(bad).append(" (last: ").append(lastMalformed).append(')');
        long lost = dropped.sum();
        if (lost > 0) d.append("; dropped ").append(lost).append(" (last: ").append(lastDrop).append(')');
        return d.toString();
    }

    private void drop(String why) {
        dropped.increment();
        lastDrop = why;
    }

    // ---- close

    @Override
    public void close() {
        closed = true;
        ScheduledFuture<?> h = housekeeping;
        if (h != null) h.cancel(false);
        ArtNetSocket s = socket;
        if (s != null) s.close();
        EventLoopGroup g = group;
        if (g != null && !g.shutdownGracefully(0, SHUTDOWN_WAIT_MS, TimeUnit.MILLISECONDS)
                .awaitUninterruptibly(SHUTDOWN_WAIT_MS)) {
            LOG.warn("artnet bridge {}: its I/O thread did not end within {} ms", context.id(), SHUTDOWN_WAIT_MS);
        }
    }

    private void onStrand(Runnable task) {
        if (!closed) context.execute(task);
    }

    /** The bound local address, or null before the bind completed. */
    InetSocketAddress localAddress() {
        ArtNetSocket s = socket;
        return s == null ? null : s.localAddress();
    }

    /** What the socket reports, on the I/O thread. */
    private final class Events implements ArtNetSocket.Events {
        @Override public void packet(ByteBuf content, InetSocketAddress sender) { inbound(content, sender); }

        @Override public void bound(InetSocketAddress local) { ArtNetBridge.this.bound(local); }

        @Override public void failed(String why) { ArtNetBridge.this.failed(why); }

        @Override public void sent(int count) { sent.add(count); }

        @Override public void notSent(String why) { drop(why); }
    }
}
