package clasp.transport.websocket.internal;

import clasp.protocol.transport.Connection;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One upgraded WebSocket connection as the router sees it: each {@link #send} is one binary WebSocket message.
 * Off the event loop a send is a {@code writeAndFlush} (Netty queues it in call order and counts it against the
 * watermarks); on the event loop (a router replying inline) writes are flushed once, when the loop's current
 * tasks are done, so a burst costs one system call.
 */
final class WebSocketConnection implements Connection {
    /** A close frame carries at most 125 bytes: 2 for the code, the rest for the reason. */
    private static final int MAX_REASON_BYTES = 123;

    private final Channel channel;
    private final InboundActivity activity;
    private final String remoteAddress;
    private final int maxFrameBytes;
    private final AtomicBoolean closing = new AtomicBoolean();
    private boolean flushScheduled; // event loop only

    WebSocketConnection(Channel channel, InboundActivity activity, int maxFrameBytes) {
        this.channel = channel;
        this.maxFrameBytes = maxFrameBytes;
        this.activity = activity;
        this.remoteAddress = text(channel.remoteAddress());
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
        BinaryWebSocketFrame message = new BinaryWebSocketFrame(frame);
        if (channel.eventLoop().inEventLoop()) {
            channel.write(message, channel.voidPromise());
            flushSoon();
        } else {
            channel.writeAndFlush(message, channel.voidPromise());
        }
    }

    private void flushSoon() {
        if (!flushScheduled) {
            flushScheduled = true;
            try {
                channel.eventLoop().execute(this::flushNow);
            } catch (RejectedExecutionException shuttingDown) {
                flushNow();
            }
        }
    }

    private void flushNow() {
        flushScheduled = false;
        channel.flush();
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
        return channel.isWritable();
    }

    @Override
    public long queuedBytes() {
        ChannelOutboundBuffer queued = channel.unsafe().outboundBuffer();
        return queued == null ? 0 : queued.totalPendingWriteBytes();
    }

    @Override
    public long lastActivityNanos() {
        return activity.lastNanos();
    }

    @Override
    public void close(int code, String reason) {
        if (closing.compareAndSet(false, true)) {
            int valid = WebSocketCloseStatus.isValidStatusCode(code) ? code : WebSocketCloseStatus.NORMAL_CLOSURE.code();
            // Netty's WebSocket handler bounds the wait for this frame (force-close timeout) if the peer stalls.
            channel.writeAndFlush(new CloseWebSocketFrame(valid, truncated(reason))).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void closeNow(int code, String reason) {
        close(code, reason); // the ordered outbound queue that can discard unsent frames replaces this
    }

    ChannelFuture closeFuture() {
        return channel.closeFuture();
    }

    /** Closes the socket at once, without a close frame. */
    void abort() {
        channel.close();
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
