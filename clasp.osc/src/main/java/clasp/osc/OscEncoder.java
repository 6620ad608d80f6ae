package clasp.osc;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

import java.nio.charset.StandardCharsets;

/**
 * Writes OSC packets: big-endian numbers, NUL-terminated strings and blobs zero-padded to 4 bytes, bundle elements
 * prefixed with their size. The output is exactly what {@link OscDecoder} reads back. Stateless.
 */
public final class OscEncoder {
    private static final byte[] BUNDLE_HEADER = "#bundle\0".getBytes(StandardCharsets.US_ASCII);

    private OscEncoder() {
    }

    /** A new buffer from {@code allocator} holding {@code packet}; the caller releases it. */
    public static ByteBuf encode(OscPacket packet, ByteBufAllocator allocator) {
        ByteBuf out = allocator.buffer();
        try {
            encode(packet, out);
            return out;
        } catch (RuntimeException e) {
            out.release();
            throw e;
        }
    }

    /** Appends {@code packet} to {@code out}. */
    public static void encode(OscPacket packet, ByteBuf out) {
        if (packet instanceof OscMessage message) {
            message(message, out);
        } else {
            bundle((OscBundle) packet, out);
        }
    }

    private static void bundle(OscBundle bundle, ByteBuf out) {
        out.writeBytes(BUNDLE_HEADER);
        out.writeLong(bundle.timetag().bits());
        for (OscPacket element : bundle.elements()) {
            int sizeAt = out.writerIndex();
            out.writeInt(0);
            encode(element, out);
            out.setInt(sizeAt, out.writerIndex() - sizeAt - 4);
        }
    }

    private static void message(OscMessage message, ByteBuf out) {
        string(message.address(), out);
        string(message.typeTags(), out);
        message.arguments().forEach(argument -> argument(argument, out));
    }

    private static void argument(OscArgument argument, ByteBuf out) {
        if (argument instanceof OscArgument.Int32 i) {
            out.writeInt(i.value());
        } else if (argument instanceof OscArgument.Int64 h) {
            out.writeLong(h.value());
        } else if (argument instanceof OscArgument.Float32 f) {
            out.writeInt(Float.floatToRawIntBits(f.value()));
        } else if (argument instanceof OscArgument.Float64 d) {
            out.writeLong(Double.doubleToRawLongBits(d.value()));
        } else if (argument instanceof OscArgument.Text s) {
            string(s.value(), out);
        } else if (argument instanceof OscArgument.Symbol s) {
            string(s.value(), out);
        } else if (argument instanceof OscArgument.Blob b) {
            out.writeInt(b.length());
            out.writeBytes(b.bytes());
            pad(b.length(), out);
        } else if (argument instanceof OscArgument.Timetag t) {
            out.writeLong(t.value().bits());
        } else if (argument instanceof OscArgument.Char c) {
            out.writeInt(c.codePoint());
        } else if (argument instanceof OscArgument.Rgba r) {
            out.writeInt(r.red() << 24 | r.green() << 16 | r.blue() << 8 | r.alpha());
        } else if (argument instanceof OscArgument.Midi m) {
            out.writeInt(m.port() << 24 | m.status() << 16 | m.data1() << 8 | m.data2());
        } else if (argument instanceof OscArgument.Array a) {
            a.items().forEach(item -> argument(item, out));
        }
        // T F N I: the tag is the whole argument
    }

    private static void string(String text, ByteBuf out) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.writeBytes(bytes);
        out.writeByte(0);
        pad(bytes.length + 1, out);
    }

    private static void pad(int written, ByteBuf out) {
        out.writeZero((4 - written % 4) % 4);
    }
}
