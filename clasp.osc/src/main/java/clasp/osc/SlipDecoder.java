package clasp.osc;

import io.netty.buffer.ByteBuf;

import java.util.Arrays;

/**
 * Decodes a SLIP byte stream (RFC 1055) into frames, whatever pieces the bytes arrive in. END ends a frame; empty
 * frames (END END) are ignored. A frame longer than {@code maxFrameBytes} or holding an ESC followed by anything but
 * ESC_END or ESC_ESC is dropped and reported, and the bytes up to the next END with it: the line resynchronises
 * there. Bytes before the first END count as a frame (RFC 1055: the sender's leading END is optional).
 *
 * <p>Not thread-safe: one reader thread feeds it.
 */
public final class SlipDecoder {
    /** Why a frame was dropped. */
    public enum Drop {
        /** Longer than the decoder's maximum frame size. */
        OVERSIZE,
        /** An ESC followed by anything but ESC_END or ESC_ESC. */
        BAD_ESCAPE
    }

    /** Where decoded frames and drops go. */
    public interface Sink {
        /** One frame: {@code bytes[0..length)}, valid only during the call. */
        void frame(byte[] bytes, int length);

        /** A frame was dropped for {@code reason}. */
        void dropped(Drop reason);
    }

    private static final int INITIAL_CAPACITY = 256;

    private final int maxFrameBytes;
    private final Sink sink;
    private final byte[] chunk = new byte[1024];
    private byte[] buffer = new byte[INITIAL_CAPACITY];
    private int length;
    private boolean escaped;
    private boolean discarding; // after a drop: everything up to the next END

    public SlipDecoder(int maxFrameBytes, Sink sink) {
        this.maxFrameBytes = maxFrameBytes;
        this.sink = sink;
    }

    /** Feeds the readable bytes of {@code bytes}, consuming them. */
    public void feed(ByteBuf bytes) {
        while (bytes.isReadable()) {
            int count = Math.min(bytes.readableBytes(), chunk.length);
            bytes.readBytes(chunk, 0, count);
            feed(chunk, 0, count);
        }
    }

    public void feed(byte[] bytes, int offset, int count) {
        for (int i = offset; i < offset + count; i++) {
            byte b = bytes[i];
            if (b == Slip.END) {
                if (escaped && !discarding) {
                    sink.dropped(Drop.BAD_ESCAPE); // ESC END: the frame is cut short
                } else if (!discarding && length > 0) {
                    sink.frame(buffer, length);
                }
                reset();
            } else if (!discarding) {
                take(b);
            }
        }
    }

    private void take(byte b) {
        if (escaped) {
            escaped = false;
            if (b == Slip.ESC_END) {
                append(Slip.END);
            } else if (b == Slip.ESC_ESC) {
                append(Slip.ESC);
            } else {
                drop(Drop.BAD_ESCAPE);
            }
        } else if (b == Slip.ESC) {
            escaped = true;
        } else {
            append(b);
        }
    }

    private void append(byte b) {
        if (length == maxFrameBytes) {
            drop(Drop.OVERSIZE);
            return;
        }
        if (length == buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.min(maxFrameBytes, buffer.length * 2));
        }
        buffer[length++] = b;
    }

    private void drop(Drop reason) {
        sink.dropped(reason);
        discarding = true;
        length = 0;
        escaped = false;
    }

    private void reset() {
        length = 0;
        escaped = false;
        discarding = false;
    }
}
