package clasp.osc;

import io.netty.buffer.ByteBuf;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Reads one OSC packet (OSC 1.0 with the 1.1 tags) from the readable bytes of a buffer. Every read is checked against
 * the packet's end first; alignment (a packet and every bundle element a multiple of 4 bytes), zero padding, NUL
 * terminators, UTF-8 strings, blob lengths, balanced arrays and the {@link OscLimits} are enforced, and any breach
 * is an {@link OscFormatException} naming the problem and its byte offset: nothing else is thrown for any input.
 * A message without a type tag string (old OSC 1.0 senders) has no arguments. The buffer's indexes and reference
 * count are left as they are. Thread-safe.
 */
public final class OscDecoder {
    private static final byte[] BUNDLE_HEADER = "#bundle\0".getBytes(StandardCharsets.US_ASCII);

    private final OscLimits limits;

    public OscDecoder(OscLimits limits) {
        this.limits = limits;
    }

    public OscLimits limits() {
        return limits;
    }

    /** The packet in {@code buffer}'s readable bytes. */
    public OscPacket decode(ByteBuf buffer) throws OscFormatException {
        int length = buffer.readableBytes();
        if (length == 0) throw new OscFormatException("empty packet");
        if (length > limits.maxPacketBytes()) {
            throw new OscFormatException("packet of " + length + " bytes exceeds the limit of " + limits.maxPacketBytes());
        }
        int start = buffer.readerIndex();
        return new Reader(buffer, start).packet(start, start + length, 0);
    }

    /** Reads within one buffer; offsets in messages are relative to the packet start. */
    private final class Reader {
        private final ByteBuf buffer;
        private final int origin;
        private int position;
        private int end;

        Reader(ByteBuf buffer, int origin) {
            this.buffer = buffer;
            this.origin = origin;
        }

        OscPacket packet(int from, int to, int bundleDepth) throws OscFormatException {
            if ((to - from) % 4 != 0) {
                throw error(from, "packet of " + (to - from) + " bytes is not a multiple of 4");
            }
            if (to - from >= BUNDLE_HEADER.length && startsWithBundleHeader(from)) {
                return bundle(from, to, bundleDepth + 1);
            }
            if (buffer.getByte(from) == '/') return message(from, to);
            throw error(from, "packet starts with neither '/' nor '#bundle'");
        }

        private boolean startsWithBundleHeader(int from) {
            for (int i = 0; i < BUNDLE_HEADER.length; i++) {
                if (buffer.getByte(from + i) != BUNDLE_HEADER[i]) return false;
            }
            return true;
        }

        private OscBundle bundle(int from, int to, int depth) throws OscFormatException {
            if (depth > limits.maxBundleDepth()) {
                throw error(from, "bundles nested deeper than the limit of " + limits.maxBundleDepth());
            }
            position = from + BUNDLE_HEADER.length;
            end = to;
            OscTimetag timetag = new OscTimetag(int64("timetag"));
            List<OscPacket> elements = new ArrayList<>();
            while (position < to) {
                int size = int32("bundle element size");
                int elementStart = position;
                if (size <= 0 || size % 4 != 0) {
                    throw error(elementStart - 4, "bundle element size " + size + " is not a positive multiple of 4");
                }
                if (size > to - elementStart) {
                    throw error(elementStart - 4, "bundle element of " + size + " bytes runs past the end of the bundle");
                }
                elements.add(packet(elementStart, elementStart + size, depth));
                position = elementStart + size;
                end = to;
            }
            return new OscBundle(timetag, elements);
        }

        private OscMessage message(int from, int to) throws OscFormatException {
            position = from;
            end = to;
            String address = string("address");
            if (position == end) return new OscMessage(address, List.of());
            int tagsAt = position;
            String tags = string("type tag string");
            if (tags.isEmpty() || tags.charAt(0) != ',') throw error(tagsAt, "type tag string does not start with ','");
            List<OscArgument> arguments = arguments(tags, tagsAt);
            if (position != end) throw error(position, (end - position) + " bytes after the last argument");
            return new OscMessage(address, arguments);
        }

        private List<OscArgument> arguments(String tags, int tagsAt) throws OscFormatException {
            Deque<List<OscArgument>> open = new ArrayDeque<>();
            List<OscArgument> current = new ArrayList<>();
            int count = 0;
            for (int i = 1; i < tags.length(); i++) {
                char tag = tags.charAt(i);
                if (tag == '[') {
                    if (open.size() == limits.maxArrayDepth()) {
                        throw error(tagsAt + i, "arrays nested deeper than the limit of " + limits.maxArrayDepth());
                    }
                    open.push(current);
                    current = new ArrayList<>();
                } else if (tag == ']') {
                    if (open.isEmpty()) throw error(tagsAt + i, "']' without '[' in the type tags");
                    OscArgument.Array array = new OscArgument.Array(current);
                    current = open.pop();
                    current.add(array);
                } else {
                    if (++count > limits.maxArguments()) {
                        throw error(tagsAt + i, "more arguments than the limit of " + limits.maxArguments());
                    }
                    current.add(argument(tag, tagsAt + i));
                }
            }
            if (!open.isEmpty()) throw error(tagsAt, "'[' without ']' in the type tags");
            return current;
        }

        private OscArgument argument(char tag, int tagAt) throws OscFormatException {
            return switch (tag) {
                case 'i' -> new OscArgument.Int32(int32("int32 argument"));
                case 'h' -> new OscArgument.Int64(int64("int64 argument"));
                case 'f' -> new OscArgument.Float32(Float.intBitsToFloat(int32("float32 argument")));
                case 'd' -> new OscArgument.Float64(Double.longBitsToDouble(int64("float64 argument")));
                case 's' -> new OscArgument.Text(string("string argument"));
                case 'S' -> new OscArgument.Symbol(string("symbol argument"));
                case 'b' -> new OscArgument.Blob(blob());
                case 'T' -> OscArgument.TRUE;
                case 'F' -> OscArgument.FALSE;
                case 'N' -> OscArgument.NIL;
                case 'I' -> OscArgument.IMPULSE;
                case 't' -> new OscArgument.Timetag(new OscTimetag(int64("timetag argument")));
                case 'c' -> character();
                case 'r' -> {
                    int rgba = int32("RGBA argument");
                    yield new OscArgument.Rgba(rgba >>> 24, rgba >>> 16 & 0xFF, rgba >>> 8 & 0xFF, rgba & 0xFF);
                }
                case 'm' -> {
                    int midi = int32("MIDI argument");
                    yield new OscArgument.Midi(midi >>> 24, midi >>> 16 & 0xFF, midi >>> 8 & 0xFF, midi & 0xFF);
                }
                default -> throw error(tagAt, "unknown type tag '" + printable(tag) + "'");
            };
        }

        private OscArgument character() throws OscFormatException {
            int at = position;
            int codePoint = int32("char argument");
            if (!Character.isValidCodePoint(codePoint)) {
                throw error(at, String.format("char argument 0x%08x is not a Unicode code point", codePoint));
            }
            return new OscArgument.Char(codePoint);
        }

        private byte[] blob() throws OscFormatException {
            int at = position;
            int length = int32("blob size");
            if (length < 0) throw error(at, "blob size " + length + " is negative");
            if (length > end - position) {
                throw error(at, "blob of " + length + " bytes runs past the end (" + (end - position) + " left)");
            }
            byte[] bytes = new byte[length];
            buffer.getBytes(position, bytes);
            position += length;
            skipPadding(length, "blob");
            return bytes;
        }

        private String string(String what) throws OscFormatException {
            int at = position;
            int nul = buffer.indexOf(position, end, (byte) 0);
            if (nul < 0) throw error(at, what + " has no NUL terminator before the end");
            int length = nul - position;
            String text;
            try {
                text = StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(bufferOf(position, length)).toString();
            } catch (CharacterCodingException e) {
                throw error(at, what + " is not valid UTF-8");
            }
            position = nul + 1;
            skipPadding(length + 1, what);
            return text;
        }

        private ByteBuffer bufferOf(int from, int length) {
            byte[] bytes = new byte[length];
            buffer.getBytes(from, bytes);
            return ByteBuffer.wrap(bytes);
        }

        /** After {@code written} bytes of data: the zero bytes up to the next multiple of 4. */
        private void skipPadding(int written, String what) throws OscFormatException {
            int padding = (4 - written % 4) % 4;
            if (padding > end - position) throw error(position, what + " is missing its padding to 4 bytes");
            for (int i = 0; i < padding; i++) {
                if (buffer.getByte(position + i) != 0) throw error(position + i, what + " padding is not zero");
            }
            position += padding;
        }

        private int int32(String what) throws OscFormatException {
            need(4, what);
            int value = buffer.getInt(position);
            position += 4;
            return value;
        }

        private long int64(String what) throws OscFormatException {
            need(8, what);
            long value = buffer.getLong(position);
            position += 8;
            return value;
        }

        private void need(int bytes, String what) throws OscFormatException {
            if (end - position < bytes) {
                throw error(position, what + " needs " + bytes + " bytes, " + (end - position) + " left");
            }
        }

        private OscFormatException error(int at, String problem) {
            return new OscFormatException(problem + " (at byte " + (at - origin) + ")");
        }
    }

    private static String printable(char c) {
        return c >= 0x20 && c < 0x7F ? String.valueOf(c) : String.format("\\u%04x", (int) c);
    }
}
