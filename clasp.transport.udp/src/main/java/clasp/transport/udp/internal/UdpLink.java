package clasp.transport.udp.internal;

import clasp.transport.netty.DatagramOutbound;
import clasp.protocol.ClaspCodec;
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
 * The one handler of a UDP listener's channel: it keeps a session ({@link PeerConnection}) per peer address and feeds
 * the router. A datagram must be exactly one CLASP frame within maxFrameBytes; from a known peer it goes to that
 * peer's session unparsed beyond its header; from an unknown peer it opens a session only if the codec decodes it as
 * a HELLO and fewer than maxPeers sessions are open. Everything else is counted and dropped without a reply (no
 * amplification: an unknown source never gets a byte). One timer sweeps every peer for silence.
 *
 * <p>Threads: {@code peers}, {@code stalled}, {@code sweep} and the sessions' handlers belong to the channel's event
 * loop, the only thread that calls the router's handlers, so each peer's calls come in the order things happened.
 * {@code limits} and {@code peerCount} are volatile, read by any thread.
 */
final class UdpLink extends ChannelInboundHandlerAdapter implements DatagramOutbound.Link<PeerConnection> {
    private static final Logger LOG = LoggerFactory.getLogger(UdpLink.class);

    private final String name;
    private final ConnectionAcceptor acceptor;
    private final Refusals<UdpRefusal> refusals;
    private final ClaspCodec codec = ClaspCodec.defaults();
    private final Map<InetSocketAddress, PeerConnection> peers = new HashMap<>();
    private final Set<PeerConnection> stalled = new LinkedHashSet<>();
    private volatile Limits limits;
    private volatile int peerCount;
    private Channel channel;
    private ScheduledFuture<?> sweep;
    private long sweepNanos;

    /** {@code name} names the listener in logs, e.g. "clasp.transport.udp main". */
    UdpLink(String name, ConnectionAcceptor acceptor, Refusals<UdpRefusal> refusals, Limits limits) {
        this.name = name;
        this.acceptor = acceptor;
        this.refusals = refusals;
        this.limits = limits;
    }

    /** Room for one byte more than maxFrameBytes: a larger datagram is seen as too big, not silently cut. */
    static FixedRecvByteBufAllocator receiveBuffers(Limits limits) {
        return new FixedRecvByteBufAllocator(limits.maxFrameBytes() + 1);
    }

    Limits limits() {
        return limits;
    }

    @Override public int maxDatagramBytes() { return limits.maxFrameBytes(); }
    @Override public long highWaterMark() { return limits.highWaterMark(); }
    @Override public long lowWaterMark() { return limits.lowWaterMark(); }
    @Override public void tooBig() { refusals.count(UdpRefusal.OUTBOUND_TOO_BIG); }
    @Override public void full() { refusals.count(UdpRefusal.OUTBOUND_FULL); }

    Refusals<UdpRefusal> refusals() {
        return refusals;
    }

    /** Sessions open now. */
    int peerCount() {
        return peerCount;
    }

    /** Any thread: applies changed limits to the running listener and its sessions. */
    void apply(Limits next) {
        limits = next;
        Channel ch = channel;
        if (ch != null) {
            ch.config().setRecvByteBufAllocator(receiveBuffers(next));
            ch.eventLoop().execute(this::scheduleSweep);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        scheduleSweep();
        ctx.fireChannelActive();
    }

    /** Event loop: (re)starts the idle sweep at the current limits' interval. */
    private void scheduleSweep() {
        long every = limits.sweepNanos();
        if ((sweep != null && every == sweepNanos) || channel == null || !channel.isActive()) {
            return;
        }
        if (sweep != null) {
            sweep.cancel(false);
        }
        sweepNanos = every;
        sweep = channel.eventLoop().scheduleWithFixedDelay(this::sweep, every, every, TimeUnit.NANOSECONDS);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof DatagramPacket packet) {
                received(ctx.channel(), packet.sender(), packet.content());
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void received(Channel ch, InetSocketAddress sender, ByteBuf frame) {
        Limits now = limits;
        UdpRefusal problem = Datagrams.problem(frame, now.maxFrameBytes());
        if (problem != null) {
            refusals.count(problem);
            return;
        }
        PeerConnection peer = peers.get(sender);
        if (peer == null) {
            peer = opened(ch, sender, frame, now);
            if (peer == null) {
                return;
            }
        }
        peer.heard(System.nanoTime());
        if (!peer.isWritable()) {
            refusals.count(UdpRefusal.PEER_BACKED_UP); // its replies are backed up: the router gets no more work from it
            return;
        }
        ConnectionHandler handler = peer.handler;
        if (handler != null && peer.isOpen()) {
            guarded(peer, "a frame", () -> handler.frameReceived(frame));
        }
    }

    /** A session for a new peer if {@code frame} is a HELLO and there is room; null (counted) otherwise. */
    private PeerConnection opened(Channel ch, InetSocketAddress sender, ByteBuf frame, Limits now) {
        UdpRefusal notHello = Datagrams.notHello(frame, codec);
        if (notHello != null) {
            refusals.count(notHello);
            return null;
        }
        if (peers.size() >= now.maxPeers()) {
            refusals.count(UdpRefusal.PEERS_FULL);
            return null;
        }
        PeerConnection peer = new PeerConnection(sender, ch, this);
        peers.put(sender, peer);
        peerCount = peers.size();
        guarded(peer, "accept", () -> peer.handler = acceptor.accept(peer));
        if (peer.handler == null) {
            peer.close(Connection.CLOSE_TRY_AGAIN_LATER, "not accepted");
        }
        LOG.trace("{}: session for {}", name, peer.remoteAddress());
        return peer;
    }

    /** Event loop: ends every session silent for longer than peerIdleSeconds. */
    private void sweep() {
        long now = System.nanoTime();
        long idle = limits.peerIdleNanos();
        List<PeerConnection> silent = peers.values().stream().filter(p -> now - p.lastActivityNanos() > idle).toList();
        silent.forEach(this::end);
        scheduleSweep(); // picks up a changed interval
    }

    /** Event loop: the session's close was reached in its queue. */
    @Override
    public void finished(PeerConnection peer) {
        end(peer);
    }

    /** Event loop: the channel cannot take this peer's next datagram yet. */
    @Override
    public void stalled(PeerConnection peer) {
        stalled.add(peer);
    }

    /** Event loop: the peer's queue drained below the low watermark. */
    @Override
    public void writable(PeerConnection peer) {
        ConnectionHandler handler = peer.handler;
        if (handler != null && !peer.ended) {
            guarded(peer, "writable()", handler::writable);
        }
    }

    /** Event loop: forgets the peer and tells the router, once. */
    private void end(PeerConnection peer) {
        if (peer.ended) {
            return;
        }
        peer.ended = true;
        peers.remove(peer.address, peer);
        peerCount = peers.size();
        stalled.remove(peer);
        peer.outbound().ended();
        ConnectionHandler handler = peer.handler;
        peer.handler = null;
        if (handler != null) {
            guarded(peer, "closed()", handler::closed);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable() && !stalled.isEmpty()) {
            List<PeerConnection> waiting = List.copyOf(stalled);
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
        if (sweep != null) {
            sweep.cancel(false);
        }
        List.copyOf(peers.values()).forEach(this::end);
        ctx.fireChannelInactive();
    }

    /**
     * Any thread but the event loop: ends every session after the frames queued for it (those the channel takes at
     * once), then any left; returns once the router was told, or after {@code timeout}.
     */
    void closeAll(Duration timeout) {
        Channel ch = channel;
        if (ch == null || !ch.isActive()) {
            return;
        }
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
    private void guarded(PeerConnection peer, String what, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.warn("{}: router failed on {} from {}", name, what, peer.remoteAddress(), e);
        }
    }
}
