package clasp.transport.websocket.internal;

import clasp.protocol.transport.Connection;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * One upgraded WebSocket connection as the router sees it: each {@link #send} is one binary WebSocket message,
 * queued on the connection's one {@link OutboundPath}. Thread-safe; the event loop drives the path and the close.
 */
final class WebSocketConnection implements Connection {
    /** A close frame carries at most 125 bytes: 2 for the code, the rest for the reason. */
    private static final int MAX_REASON_BYTES = 123;

    private final Channel channel;
    private final InboundActivity activity;
    private final String remoteAddress;
    private final int maxFrameBytes;
    private final GracefulClose graceful;
    private final OutboundPath outbound;

    WebSocketConnection(Channel channel, InboundActivity activity, int maxFrameBytes, long highWaterMark, long lowWaterMark) {
        this.channel = channel;
        this.maxFrameBytes = maxFrameBytes;
        this.activity = activity;
        this.remoteAddress = text(channel.remoteAddress());
        this.graceful = new GracefulClose(channel);
        this.outbound = new OutboundPath(channel, highWaterMark, lowWaterMark, graceful);
    }

    @Override
    public String transport() {
        return "websocket";
    }

    @Override
    public String remoteAddress() {
        return remoteAddress;
    }

    @Override
    public void send(ByteBuf frame) {
        outbound.offer(frame);
    }

    @Override
    public String peerIdentity() {
        return null; // plain WebSocket authenticates nobody; TLS client certificates come with the TLS listener
    }

    @Override
    public int maxFrameBytes() {
        return maxFrameBytes;
    }

    @Override
    public boolean isWritable() {
        return outbound.isWritable();
    }

    @Override
    public long queuedBytes() {
        return outbound.queuedBytes();
    }

    @Override
    public long lastActivityNanos() {
        return activity.lastNanos();
    }

    @Override
    public void close(int code, String reason) {
        outbound.close(valid(code), truncated(reason));
    }

    @Override
    public void closeNow(int code, String reason) {
        outbound.closeNow(valid(code), truncated(reason));
    }

    /** Any thread: one WebSocket ping, unless a close was asked for (control frames need not wait for the queue). */
    void ping() {
        if (outbound.isOpen()) {
            channel.writeAndFlush(new PingWebSocketFrame(), channel.voidPromise());
        }
    }

    /** False once a close was asked for: frames from the peer are no longer handed on. */
    boolean isOpen() {
        return outbound.isOpen();
    }

    /** Event loop: {@code callback} runs each time the connection becomes writable again. */
    void onWritable(Runnable callback) {
        outbound.onWritable(callback);
    }

    /** Event loop: the channel's writability changed or it closed. */
    void channelChanged() {
        outbound.channelChanged();
    }

    /** Event loop: the channel closed. */
    void channelClosed() {
        graceful.closed();
        outbound.channelChanged(); // releases whatever is still queued
    }

    ChannelFuture closeFuture() {
        return channel.closeFuture();
    }

    /** Closes the socket at once, without a close frame. */
    void abort() {
        channel.close();
    }

    private static int valid(int code) {
        return WebSocketCloseStatus.isValidStatusCode(code) ? code : WebSocketCloseStatus.NORMAL_CLOSURE.code();
    }

    private static String truncated(String reason) {
        if (reason == null) {
            return "";
        }
        byte[] bytes = reason.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= MAX_REASON_BYTES) {
            return reason;
        }
        int end = MAX_REASON_BYTES;
        while (end > 0 && (bytes[end] & 0xC0) == 0x80) {
            end--; // do not cut a UTF-8 sequence
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }

    private static String text(SocketAddress address) {
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            String host = inet.getAddress().getHostAddress();
            return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + inet.getPort();
        }
        return String.valueOf(address);
    }

    @Override
    public String toString() {
        return "websocket " + remoteAddress;
    }
}
