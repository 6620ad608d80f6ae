package clasp.transport.netty;

import clasp.protocol.transport.Connection;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * One connection over one Netty channel as the router sees it: each {@link #send} is one frame, queued on the
 * connection's one {@link OutboundPath} and written as the transport's {@link Wire} says. Thread-safe; the event
 * loop drives the path and the close.
 */
public class ChannelConnection implements Connection {
    private final String transport;
    private final Channel channel;
    private final InboundActivity activity;
    private final String remoteAddress;
    private final String peerIdentity;
    private final int maxFrameBytes;
    private final GracefulClose graceful;
    private final OutboundPath outbound;

    /**
     * @param peerIdentity what the transport authenticated (a TLS client certificate's subject), or null
     */
    public ChannelConnection(String transport, Channel channel, Wire wire, InboundActivity activity, String peerIdentity,
                             int maxFrameBytes, long highWaterMark, long lowWaterMark) {
        this(transport, channel, addressText(channel.remoteAddress()), wire, activity, peerIdentity, maxFrameBytes,
                highWaterMark, lowWaterMark);
    }

    /**
     * @param remoteAddress the peer's address as text, for a channel whose own remote address is not the peer's
     *                      socket (a QUIC stream: its connection's UDP address)
     * @param peerIdentity  what the transport authenticated (a TLS client certificate's subject), or null
     */
    public ChannelConnection(String transport, Channel channel, String remoteAddress, Wire wire, InboundActivity activity,
                             String peerIdentity, int maxFrameBytes, long highWaterMark, long lowWaterMark) {
        this.transport = transport;
        this.channel = channel;
        this.activity = activity;
        this.peerIdentity = peerIdentity;
        this.maxFrameBytes = maxFrameBytes;
        this.remoteAddress = remoteAddress;
        this.graceful = new GracefulClose(channel);
        this.outbound = new OutboundPath(channel, wire, highWaterMark, lowWaterMark, graceful);
    }

    @Override
    public final String transport() {
        return transport;
    }

    @Override
    public final String remoteAddress() {
        return remoteAddress;
    }

    @Override
    public final void send(ByteBuf frame) {
        outbound.offer(frame);
    }

    @Override
    public final String peerIdentity() {
        return peerIdentity;
    }

    @Override
    public final int maxFrameBytes() {
        return maxFrameBytes;
    }

    @Override
    public void pauseReading(long millis) {
        if (channel.eventLoop().inEventLoop()) graceful.pause(millis);
        else channel.eventLoop().execute(() -> graceful.pause(millis));
    }

    /** Overridable by a transport that holds frames of its own beyond the outbound path (counted in both). */
    @Override
    public boolean isWritable() {
        return outbound.isWritable();
    }

    @Override
    public long queuedBytes() {
        return outbound.queuedBytes();
    }

    @Override
    public final long lastActivityNanos() {
        return activity.lastNanos();
    }

    @Override
    public void close(int code, String reason) {
        outbound.close(code, reason);
    }

    @Override
    public void closeNow(int code, String reason) {
        outbound.closeNow(code, reason);
    }

    /** False once a close was asked for: frames from the peer are no longer handed on. */
    public final boolean isOpen() {
        return outbound.isOpen();
    }

    /** Event loop: {@code callback} runs each time the connection becomes writable again. */
    public final void onWritable(Runnable callback) {
        outbound.onWritable(callback);
    }

    /** Event loop: the channel's writability changed. */
    public final void channelChanged() {
        outbound.channelChanged();
    }

    /** Event loop: the channel closed. */
    public final void channelClosed() {
        graceful.closed();
        outbound.channelChanged(); // releases whatever is still queued
    }

    public final Channel channel() {
        return channel;
    }

    public final ChannelFuture closeFuture() {
        return channel.closeFuture();
    }

    /** Closes the channel at once, without a close message. */
    public final void abort() {
        channel.close();
    }

    /** "host:port", with IPv6 hosts in brackets. */
    public static String addressText(SocketAddress address) {
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            String host = inet.getAddress().getHostAddress();
            return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + inet.getPort();
        }
        return String.valueOf(address);
    }

    @Override
    public String toString() {
        return transport + " " + remoteAddress;
    }
}
