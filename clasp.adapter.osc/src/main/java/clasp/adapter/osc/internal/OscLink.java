package clasp.adapter.osc.internal;

import clasp.transport.netty.DatagramOutbound;
import clasp.api.Feature;
import clasp.api.QoS;
import clasp.api.message.BundleMessage;
import clasp.api.message.Frame;
import clasp.api.message.HelloMessage;
import clasp.api.message.Message;
import clasp.api.message.SubscribeMessage;
import clasp.api.message.UnsubscribeMessage;
import clasp.protocol.ClaspCodec;
import clasp.protocol.EncodeException;
import clasp.protocol.transport.Connection;
import clasp.protocol.transport.ConnectionAcceptor;
import clasp.protocol.transport.ConnectionHandler;
import clasp.transport.netty.Refusals;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Promise;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one handler of an OSC listener's channel: a session ({@link OscPeer}) per peer address, fed with the CLASP frames
 * each datagram becomes ({@link OscToClasp}). The first valid datagram of a new address opens its session (HELLO
 * {@code osc:<ip:port>}, then with autoSubscribe a subscription to {@code <namespace>/**}) if fewer than maxPeers are
 * open; a datagram that is not OSC, or that the mapping refuses, is counted and dropped whole without a reply and
 * opens nothing (no amplification: a source that sent nothing valid never gets a byte). Configured destinations are
 * sessions from the start to the end. One timer sweeps every peer for silence.
 *
 * <p>Threads: {@code peers}, {@code stalled}, {@code sweep} and the sessions' handlers belong to the channel's event
 * loop, the only thread that calls the router's handlers, so each peer's calls come in the order things happened.
 * {@code peerCount} is volatile, read by any thread.
 */
final class OscLink extends ChannelInboundHandlerAdapter implements DatagramOutbound.Link<OscPeer> {
    private static final Logger LOG = LoggerFactory.getLogger(OscLink.class);
    private static final ClaspCodec CODEC = ClaspCodec.defaults();

    private final String name;
    private final OscSettings settings;
    private final ConnectionAcceptor acceptor;
    private final Refusals<OscRefusal> refusals;
    private final OscToClasp incoming;
    private final ClaspToOsc outgoing;
    private final Map<InetSocketAddress, OscPeer> peers = new HashMap<>();
    private final Set<OscPeer> stalled = new LinkedHashSet<>();
    private volatile int peerCount;
    private int visitors;   // sessions of peers that are not configured destinations (maxPeers counts them)
    private Channel channel;
    private ScheduledFuture<?> sweep;

    /** {@code name} names the listener in logs, e.g. "clasp.transport.osc main". */
    OscLink(String name, OscSettings settings, ConnectionAcceptor acceptor, Refusals<OscRefusal> refusals) {
        this.name = name;
        this.settings = settings;
        this.acceptor = acceptor;
        this.refusals = refusals;
        this.incoming = new OscToClasp(settings);
        this.outgoing = new ClaspToOsc(settings, this);
    }

    /** Room for one byte more than maxDatagramBytes: a larger datagram is seen as too big, not silently cut. */
    static FixedRecvByteBufAllocator receiveBuffers(OscSettings settings) {
        return new FixedRecvByteBufAllocator(settings.maxDatagramBytes() + 1);
    }

    OscSettings settings() {
        return settings;
    }

    @Override public int maxDatagramBytes() { return settings.maxDatagramBytes(); }
    @Override public long highWaterMark() { return settings.highWaterMark(); }
    @Override public long lowWaterMark() { return settings.lowWaterMark(); }
    @Override public void tooBig() { refusals.count(OscRefusal.OUTBOUND_TOO_BIG); }
    @Override public void full() { refusals.count(OscRefusal.OUTBOUND_FULL); }

    Refusals<OscRefusal> refusals() {
        return refusals;
    }

    ClaspToOsc outgoing() {
        return outgoing;
    }

    /** Sessions open now, configured destinations included. */
    int peerCount() {
        return peerCount;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        long every = settings.sweepNanos();
        sweep = channel.eventLoop().scheduleWithFixedDelay(this::sweep, every, every, TimeUnit.NANOSECONDS);
        openDestinations();
        ctx.fireChannelActive();
    }

    /** Event loop: a session for every configured destination that has none (at start, or after the router ended it). */
    private void openDestinations() {
        for (Destination d : settings.destinations()) {
            if (peers.containsKey(d.address())) continue;
            OscPeer peer = opened(d.address(), true);
            if (peer != null) subscribe(peer, d.pattern());
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof DatagramPacket packet) received(packet.sender(), packet.content());
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void received(InetSocketAddress sender, ByteBuf content) {
        if (content.readableBytes() > settings.maxDatagramBytes()) {
            refusals.count(OscRefusal.TOO_BIG);
            return;
        }
        Inbound in = incoming.read(content);
        if (in.refusal() != null) {
            refusals.count(in.refusal());
            LOG.trace("{}: {} from {}", name, in.refusal(), sender);
            return;
        }
        OscPeer known = peers.get(sender);
        if (known == null) {
            if (visitors >= settings.maxPeers()) {
                refusals.count(OscRefusal.PEERS_FULL);
                return;
            }
            known = opened(sender, false);
            if (known == null) return;
            if (settings.autoSubscribe()) subscribe(known, settings.namespace() + "/**");
        }
        OscPeer peer = known;
        peer.heard(System.nanoTime());
        if (!peer.isWritable()) {
            refusals.count(OscRefusal.PEER_BACKED_UP);   // its messages are backed up: the router gets no more work from it
            return;
        }
        for (Inbound.Request r : in.requests()) {
            if (r.subscribe()) {
                subscribe(peer, r.pattern());
            } else {
                Long id = peer.unsubscribe(r.pattern());
                if (id != null) toRouter(peer, new UnsubscribeMessage(id));
            }
        }
        if (in.writes().isEmpty()) return;
        if (in.bundle()) {
            toRouter(peer, new BundleMessage(routerTime(in.atUnixMicros()), in.writes()));
        } else {
            in.writes().forEach(w -> toRouter(peer, w));
        }
    }

    /**
     * A bundle's CLASP timestamp, or null (run on receipt) when it is not ahead of now. CLASP timestamps are µs since
     * the Unix epoch, the domain of the router clock, which reads this machine's wall clock (the adapter runs in the
     * router's process): the converted timetag needs no further shift.
     */
    private static Long routerTime(Long atUnixMicros) {
        if (atUnixMicros == null || atUnixMicros <= UnixMicros.now()) return null;
        return atUnixMicros;
    }

    /** Event loop: a session for {@code address}, accepted by the router and greeted; null (closed) if refused. */
    private OscPeer opened(InetSocketAddress address, boolean permanent) {
        OscPeer peer = new OscPeer(address, permanent, channel, this);
        peers.put(address, peer);
        peerCount = peers.size();
        if (!permanent) visitors++;
        guarded(peer, "accept", () -> peer.handler = acceptor.accept(peer));
        if (peer.handler == null) {
            LOG.debug("{}: the router did not accept {}", name, peer.remoteAddress());
            peer.close(Connection.CLOSE_TRY_AGAIN_LATER, "not accepted");
            return null;
        }
        toRouter(peer, new HelloMessage(1, Set.of(Feature.PARAM, Feature.EVENT), peer.peerIdentity(), settings.token()));
        LOG.trace("{}: session for {}", name, peer.remoteAddress());
        return peer;
    }

    private void subscribe(OscPeer peer, String pattern) {
        if (peer.subscriptionCount() >= settings.maxSubscriptionsPerPeer()) {
            refusals.count(OscRefusal.SUBSCRIPTIONS_FULL);
            return;
        }
        Long id = peer.subscribe(pattern);
        if (id != null) toRouter(peer, new SubscribeMessage(id, pattern));
    }

    /** Event loop: one message to the peer's router session, as a frame at QoS Fire. */
    private void toRouter(OscPeer peer, Message message) {
        ConnectionHandler handler = peer.handler;
        if (handler == null || !peer.isOpen()) return;
        ByteBuf frame;
        try {
            frame = CODEC.encode(new Frame(message, QoS.FIRE, null), channel.alloc());
        } catch (EncodeException e) {
            refusals.count(OscRefusal.FRAME_TOO_BIG);
            LOG.debug("{}: {} from {} cannot be a CLASP frame: {}", name, message.type(), peer.remoteAddress(), e.getMessage());
            return;
        }
        try {
            guarded(peer, "a frame", () -> handler.frameReceived(frame));
        } finally {
            frame.release();
        }
    }

    /**
     * Event loop: ends every session silent for longer than peerIdleSeconds (destinations never are), and opens again
     * the session of a destination the router ended (say, as a slow consumer).
     */
    private void sweep() {
        long now = System.nanoTime();
        long idle = settings.peerIdleNanos();
        List<OscPeer> silent = peers.values().stream().filter(p -> !p.permanent && now - p.lastActivityNanos() > idle).toList();
        silent.forEach(this::end);
        openDestinations();
    }

    /** Event loop: the session's close was reached in its queue. */
    @Override
    public void finished(OscPeer peer) {
        end(peer);
    }

    /** Event loop: the channel cannot take this peer's next datagram yet. */
    @Override
    public void stalled(OscPeer peer) {
        stalled.add(peer);
    }

    /** Event loop: the peer's queue drained below the low watermark. */
    @Override
    public void writable(OscPeer peer) {
        ConnectionHandler handler = peer.handler;
        if (handler != null && !peer.ended) guarded(peer, "writable()", handler::writable);
    }

    /** Event loop: forgets the peer and tells the router, once. */
    private void end(OscPeer peer) {
        if (peer.ended) return;
        peer.ended = true;
        peers.remove(peer.address, peer);
        peerCount = peers.size();
        if (!peer.permanent) visitors--;
        stalled.remove(peer);
        peer.outbound().ended();
        ConnectionHandler handler = peer.handler;
        peer.handler = null;
        if (handler != null) guarded(peer, "closed()", handler::closed);
        LOG.trace("{}: session of {} ended", name, peer.remoteAddress());
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable() && !stalled.isEmpty()) {
            List<OscPeer> waiting = List.copyOf(stalled);
            stalled.clear();
            waiting.forEach(p -> p.outbound().resume());
        }
        ctx.fireChannelWritabilityChanged();
    }

    /** A datagram that could not be sent (say, no route to the peer): it is lost, as UDP loses; the channel stays. */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("{}: {}", name, cause.toString());
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (sweep != null) sweep.cancel(false);
        List.copyOf(peers.values()).forEach(this::end);
        ctx.fireChannelInactive();
    }

    /**
     * Any thread but the event loop: ends every session after the datagrams queued for it, then any left; returns
     * once the router was told, or after {@code timeout}.
     */
    void closeAll(Duration timeout) {
        Channel ch = channel;
        if (ch == null || !ch.isActive()) return;
        Promise<Void> done = ch.eventLoop().newPromise();
        ch.eventLoop().execute(() -> {
            List.copyOf(peers.values()).forEach(p -> p.close(Connection.CLOSE_GOING_AWAY, "server stopping"));
            // Queued behind the drains those closes asked for: only peers the full channel held back are left.
            ch.eventLoop().execute(() -> {
                List.copyOf(peers.values()).forEach(this::end);
                done.setSuccess(null);
            });
        });
        done.awaitUninterruptibly(timeout.toMillis());
    }

    /** Runs a router callback; a router fault is logged and stays with this peer. */
    private void guarded(OscPeer peer, String what, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.warn("{}: router failed on {} from {}", name, what, peer.remoteAddress(), e);
        }
    }
}
