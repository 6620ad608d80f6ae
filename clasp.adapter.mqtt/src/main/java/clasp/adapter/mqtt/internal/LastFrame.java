package clasp.adapter.mqtt.internal;

import clasp.api.Value;
import clasp.api.message.Frame;
import clasp.protocol.ClaspCodec;
import clasp.protocol.DecodeException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.util.concurrent.FastThreadLocal;

/**
 * The frame an event loop translated last, decoded, with its payload encoded: the router fans one frame out to
 * every subscriber, and the subscribers on one event loop get it one after the other, so each loop decodes and
 * encodes it once, not once per client. A frame is taken for the last one only if its bytes are equal (a buffer
 * may be reused for another frame). One instance per event loop thread; no sharing, no locks.
 */
final class LastFrame {
    private static final ClaspCodec CODEC = ClaspCodec.defaults();
    private static final FastThreadLocal<LastFrame> PER_THREAD = new FastThreadLocal<>() {
        @Override
        protected LastFrame initialValue() {
            return new LastFrame();
        }
    };
    /** Frames above this size are decoded each time: comparing and copying them would cost as much. */
    private static final int CACHED_LIMIT = 4096;

    private ByteBuf bytes;        // a heap copy of the last frame
    private Frame frame;
    private Value payloadOf;      // the value whose payload is cached
    private Payloads payloads;
    private byte[] payload;

    private LastFrame() {
    }

    /** This thread's cache. */
    static LastFrame get() {
        return PER_THREAD.get();
    }

    Frame decode(ByteBuf in) throws DecodeException {
        int n = in.readableBytes();
        if (bytes != null && bytes.readableBytes() == n && ByteBufUtil.equals(in, in.readerIndex(), bytes, 0, n)) {
            return frame;
        }
        Frame decoded = CODEC.decode(in.duplicate());
        if (n <= CACHED_LIMIT) {
            bytes = Unpooled.wrappedBuffer(ByteBufUtil.getBytes(in));
            frame = decoded;
            payloadOf = null;
        }
        return decoded;
    }

    /** The payload of {@code value} in {@code mode}; shared, never to be modified. */
    byte[] payload(Payloads mode, Value value) {
        if (value == payloadOf && mode == payloads) return payload;
        byte[] encoded = mode.encode(value);
        payloadOf = value;
        payloads = mode;
        payload = encoded;
        return encoded;
    }
}
