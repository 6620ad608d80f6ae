package clasp.transport.udp.internal;

import clasp.transport.netty.DatagramOutbound;
import clasp.protocol.transport.Connection;
import clasp.protocol.transport.ConnectionHandler;
import clasp.transport.netty.ChannelConnection;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.net.InetSocketAddress;

/**
 * One peer address's session as the router sees it: frames go out as datagrams to that address through its
 * {@link DatagramOutbound}. A close sends nothing (UDP has no close message): the session ends after the queued frames
 * ({@link #close}) or at once ({@link #closeNow}), and the listener forgets the address.
 *
 * <p>Threads: the {@code Connection} methods are thread-safe and lock-free; {@link #handler} and {@link #ended} belong
 * to the channel's event loop; {@code lastNanos} is written there and read by any thread.
 */
final class PeerConnection implements Connection {
    static final String TRANSPORT = "udp";

    final InetSocketAddress address;
    private final String remoteAddress;
    private final UdpLink link;
    private final DatagramOutbound<PeerConnection> outbound;
    private volatile long lastNanos = System.nanoTime();
    /** The router's side; null until accepted (event loop). */
    ConnectionHandler handler;
    /** True once the router was told the session ended (event loop). */
    boolean ended;

    PeerConnection(InetSocketAddress address, Channel channel, UdpLink link) {
        this.address = address;
        this.remoteAddress = ChannelConnection.addressText(address);
        this.link = link;
        this.outbound = new DatagramOutbound<>(this, channel, address, link);
    }

    @Override
    public String transport() {
        return TRANSPORT;
    }

    @Override
    public String remoteAddress() {
        return remoteAddress;
    }

    /** UDP authenticates nobody: a datagram's source address can be forged. */
    @Override
    public String peerIdentity() {
        return null;
    }

    @Override
    public int maxFrameBytes() {
        return link.limits().maxFrameBytes();
    }

    @Override
    public void send(ByteBuf frame) {
        outbound.offer(frame);
    }

    @Override
    public boolean isWritable() {
        return outbound.isWritable();
    }

    @Override
    public long queuedBytes() {
        return outbound.queuedBytes();
    }

    /** The last valid datagram from the peer. */
    @Override
    public long lastActivityNanos() {
        return lastNanos;
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

    DatagramOutbound<PeerConnection> outbound() {
        return outbound;
    }

    @Override
    public String toString() {
        return TRANSPORT + " " + remoteAddress;
    }
}
