package clasp.adapter.osc.internal;

import clasp.transport.netty.DatagramOutbound;
import clasp.protocol.ClaspCodec;
import clasp.protocol.transport.Connection;
import clasp.protocol.transport.ConnectionHandler;
import clasp.transport.netty.ChannelConnection;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One OSC peer (a source ip:port, or a configured listen-only destination) as the router sees it: a connection named
 * {@code osc:<ip:port>} that declines the initial snapshot (a peer gets state only for what it subscribes). The
 * router's frames are translated to OSC on their way in ({@link ClaspToOsc}) and leave as datagrams through its
 * {@link DatagramOutbound}. A close sends nothing (OSC has no close message): the session ends after the queued datagrams
 * and the listener forgets the address.
 *
 * <p>Threads: the {@code Connection} methods are thread-safe and lock-free; {@link #handler}, {@link #ended} and the
 * subscriptions belong to the channel's event loop; {@code lastNanos} is written there and read by any thread.
 */
final class OscPeer implements Connection {
    final InetSocketAddress address;
    /** A configured destination: never idle, not counted in maxPeers. */
    final boolean permanent;
    private final String remoteAddress;
    private final OscLink link;
    private final DatagramOutbound<OscPeer> outbound;
    private final Map<String, Long> subscriptions = new LinkedHashMap<>();
    private long nextSubscriptionId = 1;
    private volatile long lastNanos = System.nanoTime();
    /** The router's side; null until accepted (event loop). */
    ConnectionHandler handler;
    /** True once the router was told the session ended (event loop). */
    boolean ended;

    OscPeer(InetSocketAddress address, boolean permanent, Channel channel, OscLink link) {
        this.address = address;
        this.permanent = permanent;
        this.remoteAddress = ChannelConnection.addressText(address);
        this.link = link;
        this.outbound = new DatagramOutbound<>(this, channel, address, link);
    }

    @Override
    public String transport() {
        return OscTransport.KIND;
    }

    @Override
    public String remoteAddress() {
        return remoteAddress;
    }

    /** {@code osc:<ip:port>}: the name the authoriser sees (in open mode the principal's). Not authenticated: UDP sources can be forged. */
    @Override
    public String peerIdentity() {
        return "osc:" + remoteAddress;
    }

    @Override
    public boolean sendsInitialSnapshot() {
        return false;
    }

    @Override
    public int maxFrameBytes() {
        return ClaspCodec.MAX_FRAME_BYTES;
    }

    /** Any thread: translates the router's frame to what the peer gets (often nothing) and queues it. */
    @Override
    public void send(ByteBuf frame) {
        try {
            if (outbound.isOpen()) link.outgoing().translate(frame, outbound);
        } finally {
            frame.release();
        }
    }

    @Override
    public boolean isWritable() {
        return outbound.isWritable();
    }

    @Override
    public long queuedBytes() {
        return outbound.queuedBytes();
    }

    /**
     * The last datagram from the peer; for a configured destination, which never sends, always now: the router's
     * session timeout must not take it for idle.
     */
    @Override
    public long lastActivityNanos() {
        return permanent ? System.nanoTime() : lastNanos;
    }

    @Override
    public void close(int code, String reason) {
        outbound.close();
    }

    @Override
    public void closeNow(int code, String reason) {
        outbound.closeNow();
    }

    /** Event loop: a valid datagram arrived from the peer. */
    void heard(long nanos) {
        lastNanos = nanos;
    }

    /** False once a close was asked for: datagrams from the peer are no longer handed on. */
    boolean isOpen() {
        return outbound.isOpen();
    }

    DatagramOutbound<OscPeer> outbound() {
        return outbound;
    }

    /** Event loop: the id for a new subscription to {@code pattern}, or null when it has one already. */
    Long subscribe(String pattern) {
        if (subscriptions.containsKey(pattern)) return null;
        long id = nextSubscriptionId++;
        subscriptions.put(pattern, id);
        return id;
    }

    /** Event loop: the id of the subscription to {@code pattern} now forgotten, or null when there was none. */
    Long unsubscribe(String pattern) {
        return subscriptions.remove(pattern);
    }

    /** Event loop. */
    int subscriptionCount() {
        return subscriptions.size();
    }

    @Override
    public String toString() {
        return OscTransport.KIND + " " + remoteAddress;
    }
}
