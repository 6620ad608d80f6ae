package clasp.transport.websocket.internal;

import clasp.transport.netty.ChannelConnection;
import clasp.transport.netty.InboundActivity;
import clasp.transport.netty.Wire;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import java.nio.charset.StandardCharsets;

/**
 * One upgraded WebSocket connection: each frame is one binary WebSocket message, and the close is a WebSocket close
 * frame with a valid code and a reason cut to what a close frame holds.
 */
final class WebSocketConnection extends ChannelConnection {
    /** A close frame carries at most 125 bytes: 2 for the code, the rest for the reason. */
    private static final int MAX_REASON_BYTES = 123;

    /** Binary messages, and close frames. */
    static final Wire WIRE = new Wire() {
        @Override
        public Object message(ByteBuf frame) {
            return new BinaryWebSocketFrame(frame);
        }

        @Override
        public Object closeMessage(int code, String reason) {
            return new CloseWebSocketFrame(valid(code), truncated(reason));
        }
    };

    WebSocketConnection(Channel channel, InboundActivity activity, String peerIdentity, int maxFrameBytes,
                        long highWaterMark, long lowWaterMark) {
        super(WebSocketTransport.KIND, channel, WIRE, activity, peerIdentity, maxFrameBytes, highWaterMark, lowWaterMark);
    }

    /** Any thread: one WebSocket ping, unless a close was asked for (control frames need not wait for the queue). */
    void ping() {
        if (isOpen()) {
            channel().writeAndFlush(new PingWebSocketFrame(), channel().voidPromise());
        }
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
}
