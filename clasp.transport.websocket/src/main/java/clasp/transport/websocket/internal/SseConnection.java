package clasp.transport.websocket.internal;

import clasp.protocol.ClaspCodec;
import clasp.transport.netty.ChannelConnection;
import clasp.transport.netty.InboundActivity;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.DefaultHttpContent;
import java.nio.charset.StandardCharsets;

/**
 * An SSE client as the router sees it: a session whose frames its {@link SseStream} turns into events. Above
 * {@code maxQueuedBytes} it is not writable, so the router keeps only the latest value per param for it (D2).
 */
final class SseConnection extends ChannelConnection {
    static final String TRANSPORT = "sse";
    private static final ByteBuf PING = Unpooled.unreleasableBuffer(
            Unpooled.copiedBuffer(": ping\n\n", StandardCharsets.US_ASCII).asReadOnly());

    private final SseStream stream;
    private boolean stalled;   // the sweep's thread only: not writable at the last sweep

    SseConnection(Channel channel, SseStream stream, InboundActivity activity, String peerIdentity, long maxQueuedBytes) {
        super(TRANSPORT, channel, stream, activity, peerIdentity, ClaspCodec.MAX_FRAME_BYTES, maxQueuedBytes, maxQueuedBytes / 2);
        this.stream = stream;
        stream.attach(this);
    }

    /** Any thread: one heartbeat comment, once the response streams and unless a close was asked for. */
    void heartbeat() {
        channel().eventLoop().execute(() -> {
            if (isOpen() && stream.streaming()) {
                channel().writeAndFlush(new DefaultHttpContent(PING.duplicate()), channel().voidPromise());
            }
        });
    }

    /** The sweep's thread: true when the client was not writable at the last sweep and still is not. */
    boolean stalledAgain() {
        boolean before = stalled;
        stalled = !isWritable();
        return before && stalled;
    }
}
