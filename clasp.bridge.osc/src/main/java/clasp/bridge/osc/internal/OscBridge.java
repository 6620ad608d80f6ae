package clasp.bridge.osc.internal;

import clasp.api.Value;
import clasp.api.bridge.Bridge;
import clasp.api.bridge.BridgeContext;
import clasp.api.bridge.ClaspBridge;
import clasp.api.message.BundleMessage;
import clasp.api.message.Message;
import clasp.api.message.PublishMessage;
import clasp.api.message.SetMessage;
import clasp.api.router.ClaspException;
import clasp.api.router.LocalSession;
import clasp.api.router.PluginState;
import clasp.osc.OscAddresses;
import clasp.osc.OscArgument;
import clasp.osc.OscDecoder;
import clasp.osc.OscEncoder;
import clasp.osc.OscFormatException;
import clasp.osc.OscMessage;
import clasp.osc.OscPacket;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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
 * One OSC bridge instance (factory configuration {@value #PID}), bridges.md §1. Inbound, every OSC packet on the
 * local port (a UDP datagram, or a frame of a TCP connection with transport tcp, {@link Link}) is decoded ({@code clasp.osc}) and written through the bridge's session: a message as a SET (or a
 * PUBLISH event for the event addresses), a bundle as one atomic BUNDLE that the router holds until its timetag on
 * the router clock. Malformed or unmappable packets are counted and dropped. Outbound, every SET and PUBLISH matching
 * the outbound patterns goes to the peers (and the recent senders, with replyToSender) as an OSC message.
 *
 * <p>Loop prevention: the bridge's session never receives the bridge's own writes, so what a peer sent is never
 * sent back out by this bridge, to that peer or any other; values written by other CLASP clients go to every peer.
 *
 * <p>Threads. One Netty I/O thread of the instance's own ({@code clasp-bridge-osc-<id>-io}) binds, resolves the
 * peers, connects (tcp), reads packets and writes them into the session (which is thread-safe), touching only
 * thread-safe state (counters, {@link Senders}). Outbound messages and status run on the router's strand for this
 * bridge. The thread and every socket end in {@link #close}.
 */
@Component(configurationPid = OscBridge.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = OscBridgeConfig.class, factory = true)
@ClaspBridge(protocol = "osc")
public class OscBridge implements Bridge {
    static final String PID = "clasp.bridge.osc";
    private static final Logger LOG = LoggerFactory.getLogger(OscBridge.class);
    private static final long SHUTDOWN_WAIT_MS = 3_000;
    /** How often the status line's counters are refreshed. */
    static final Duration STATUS_REFRESH = Duration.ofSeconds(5);

    private final OscSettings settings;
    private final OscDecoder decoder;
    private final Inbound inbound;
    private final Senders senders;
    private final long refreshMillis;

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
    private volatile EventLoopGroup group;
    private volatile Link link;
    private volatile List<InetSocketAddress> peers = List.of();
    private volatile List<String> unknownPeers = List.of();
    private volatile String state = "";
    private volatile PluginState reportedState;
    private volatile ScheduledFuture<?> refresher;
    private volatile boolean closed;

    @Activate
    public OscBridge(OscBridgeConfig config) {
        this(OscSettings.from(config));
    }

    OscBridge(OscSettings settings) {
        this(settings, STATUS_REFRESH);
    }

    /** With the status line refreshed every {@code statusRefresh} (tests, which must not wait seconds for it). */
    OscBridge(OscSettings settings, Duration statusRefresh) {
        this.settings = settings;
        this.refreshMillis = statusRefresh.toMillis();
        this.decoder = new OscDecoder(settings.limits());
        this.inbound = new Inbound(settings.namespace(), settings.eventAddresses());
        this.senders = new Senders(settings.senderTimeoutMs(), settings.maxSenders());
    }

    static String threadPrefix(String bridgeId) {
        return "clasp-bridge-osc-" + bridgeId;
    }

    @Override
    public void open(BridgeContext context) throws Exception {
        this.context = context;
        this.session = context.session();
        if (settings.fatal() != null) throw new IllegalArgumentException(settings.fatal());
        EventLoopGroup loops = new MultiThreadIoEventLoopGroup(1,
                new DefaultThreadFactory(threadPrefix(context.id()) + "-io", true), NioIoHandler.newFactory());
        group = loops;
        for (String pattern : settings.outboundPatterns()) session.subscribe(pattern, Set.of(), this::outbound);
        report(PluginState.CONNECTING, "binding " + settings.transport() + " " + settings.bindAddress() + ":" + settings.port());
        loops.execute(this::bind);   // name resolution and the bind happen on the I/O thread, not here
        refresher = context.scheduleAtFixedRate(this::refresh, refreshMillis, refreshMillis, TimeUnit.MILLISECONDS);
    }

    // ---- the sockets (I/O thread)

    private void bind() {
        List<InetSocketAddress> resolved = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (InetSocketAddress peer : settings.peers()) {
            InetSocketAddress address = new InetSocketAddress(peer.getHostString(), peer.getPort());
            if (address.isUnresolved()) unknown.add(peer.getHostString() + ":" + peer.getPort());
            else resolved.add(address);
        }
        peers = List.copyOf(resolved);
        unknownPeers = List.copyOf(unknown);
        InetSocketAddress local = new InetSocketAddress(settings.bindAddress(), settings.port());
        if (local.isUnresolved()) {
            failed("cannot bind " + settings.transport() + " " + settings.bindAddress() + ": unknown host");
            return;
        }
        Link l = settings.tcp()
                ? new TcpLink(group, local, peers, settings.limits().maxPacketBytes(), new Events())
                : new UdpLink(group, local, new Events());
        link = l;
        if (closed) return;
        l.open();
    }

    private void failed(String why) {
        onStrand(() -> report(PluginState.FAILED, why));
    }

    // ---- status (strand)

    private void bound(InetSocketAddress at) {
        StringBuilder what = new StringBuilder("listening on ").append(settings.transport()).append(' ')
                .append(Hosts.hostPort(at)).append(", sending to ");
        List<String> targets = new ArrayList<>();
        for (InetSocketAddress peer : peers) targets.add(Hosts.hostPort(peer));
        if (settings.replyToSender()) targets.add("senders");
        what.append(targets.isEmpty() ? "nobody" : String.join(", ", targets));
        if (!unknownPeers.isEmpty()) what.append(" (unknown hosts: ").append(String.join(", ", unknownPeers)).append(')');
        report(unknownPeers.isEmpty() ? PluginState.ONLINE : PluginState.FAILED, what.toString());
    }

    /** The bound local address, or null before the bind completed. */
    InetSocketAddress localAddress() {
        Link l = link;
        return l == null ? null : l.localAddress();
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
        StringBuilder d = new StringBuilder(state);
        d.append("; in ").append(received.sum()).append(" packets, ").append(written.sum()).append(" written, out ")
                .append(sent.sum());
        long bad = malformed.sum();
        if (bad > 0) d.append(", malformed ").append(bad).append(" (last: ").append(lastMalformed).append(')');
        long dropped = inboundDropped.sum() + outboundDropped.sum();
        if (dropped > 0) d.append(", dropped ").append(dropped).append(" (last: ").append(lastDrop).append(')');
        return d.toString();
    }

    // ---- inbound (I/O thread)

    private void inbound(ByteBuf content, InetSocketAddress sender) {
        received.increment();
        if (settings.replyToSender()) senders.heard(sender, System.nanoTime());
        OscPacket packet;
        try {
            packet = decoder.decode(content);
        } catch (OscFormatException e) {
            malformed.increment();
            lastMalformed = e.getMessage() + " from " + Hosts.hostPort(sender);
            return;
        }
        try {
            write(inbound.toClasp(packet));
        } catch (Inbound.Refused e) {
            dropIn(e.getMessage() + " from " + Hosts.hostPort(sender));
        } catch (ClaspException e) {
            dropIn("router refused a packet from " + Hosts.hostPort(sender) + ": " + e.getMessage());
        }
    }

    private void write(Message message) throws ClaspException {
        LocalSession s = session;
        if (message instanceof SetMessage set) {
            s.set(set);
            written.increment();
        } else if (message instanceof PublishMessage publish) {
            s.publish(publish);
            written.increment();
        } else {
            BundleMessage bundle = (BundleMessage) message;
            s.bundle(bundle);
            written.add(bundle.messages().size());
        }
    }

    private void dropIn(String why) {
        inboundDropped.increment();
        lastDrop = why;
    }

    // ---- outbound (strand)

    private void outbound(Message message) {
        String address;
        List<OscArgument> arguments;
        try {
            if (message instanceof SetMessage set) {
                address = set.address();
                arguments = settings.mapping().toArguments(set.value());
            } else if (message instanceof PublishMessage publish) {
                address = publish.address();
                arguments = publish.value() != null ? settings.mapping().toArguments(publish.value())
                        : publish.samples() != null ? settings.mapping().toArguments(samples(publish.samples()))
                        : List.of();
            } else {
                return;   // only SETs and PUBLISHes go out (bridges.md §0.2)
            }
        } catch (IllegalArgumentException e) {
            dropOut("not sendable as OSC: " + e.getMessage());
            return;
        }
        String oscAddress = OscAddresses.toOsc(settings.namespace(), address);
        if (oscAddress == null) {
            dropOut(address + " is outside the namespace " + settings.namespace());
            return;
        }
        OscMessage out;
        try {
            out = new OscMessage(oscAddress, arguments);
        } catch (IllegalArgumentException e) {
            dropOut("not sendable as OSC: " + e.getMessage());   // a NUL in the address
            return;
        }
        send(out);
    }

    private static Value samples(double[] samples) {
        List<Value> values = new ArrayList<>(samples.length);
        for (double sample : samples) values.add(Value.of(sample));
        return Value.of(values);
    }

    private void send(OscPacket packet) {
        Link l = link;
        List<InetSocketAddress> targets = new ArrayList<>(peers);
        if (settings.replyToSender()) {
            for (InetSocketAddress sender : senders.current(System.nanoTime())) {
                if (!targets.contains(sender)) targets.add(sender);
            }
        }
        if (targets.isEmpty()) return;
        if (l == null || l.localAddress() == null) {
            dropOut("the socket is not open");
            return;
        }
        ByteBuf bytes = OscEncoder.encode(packet, ByteBufAllocator.DEFAULT);
        try {
            l.send(bytes, targets);
        } finally {
            bytes.release();
        }
    }

    private void dropOut(String why) {
        outboundDropped.increment();
        lastDrop = why;
    }

    // ---- close

    @Override
    public void close() {
        closed = true;
        ScheduledFuture<?> r = refresher;
        if (r != null) r.cancel(false);
        Link l = link;
        if (l != null) l.close();
        EventLoopGroup g = group;
        if (g != null && !g.shutdownGracefully(0, SHUTDOWN_WAIT_MS, TimeUnit.MILLISECONDS)
                .awaitUninterruptibly(SHUTDOWN_WAIT_MS)) {
            LOG.warn("osc bridge {}: its I/O thread did not end within {} ms", context.id(), SHUTDOWN_WAIT_MS);
        }
    }

    private void onStrand(Runnable task) {
        if (!closed) context.execute(task);
    }

    /** What the link reports, on the I/O thread: packets are written from here, status goes to the strand. */
    private final class Events implements Link.Events {
        @Override public void packet(ByteBuf content, InetSocketAddress sender) { inbound(content, sender); }

        @Override public void malformed(String why) {
            malformed.increment();
            lastMalformed = why;
        }

        @Override public void bound(InetSocketAddress local) { onStrand(() -> OscBridge.this.bound(local)); }

        @Override public void failed(String why) { OscBridge.this.failed(why); }

        @Override public void sent(int count) { sent.add(count); }

        @Override public void notSent(String why) { dropOut(why); }
    }
}
