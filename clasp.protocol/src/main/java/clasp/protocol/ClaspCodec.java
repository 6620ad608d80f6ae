package clasp.protocol;

import clasp.api.QoS;
import clasp.api.message.Frame;
import clasp.api.message.Message;
import clasp.protocol.DecodeException.Kind;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;

/**
 * Encodes and decodes whole CLASP frames (wire-format §2): magic 0x53, flags (QoS, timestamp bit, version 1),
 * u16 payload length, optional u64 timestamp, payload. Thread-safe; decoding allocates only the message.
 *
 * <p>The retry mark: flags bits 0x08 and 0x20 together say that the u64 after the header is the sender's retry id
 * ({@link Frame#retryId()}) rather than a frame timestamp. Bit 0x08 alone changes nothing (it reads as before).
 */
public final class ClaspCodec {
    public static final int MAGIC = 0x53;
    public static final int HEADER_BYTES = 4;
    public static final int TIMESTAMP_BYTES = 8;
    public static final int MAX_PAYLOAD_BYTES = 0xFFFF;
    /** The largest legal frame: header, timestamp and a full payload. */
    public static final int MAX_FRAME_BYTES = HEADER_BYTES + TIMESTAMP_BYTES + MAX_PAYLOAD_BYTES;
    public static final int DEFAULT_MAX_DEPTH = 32;
    /** The deepest nesting a codec may be configured for: deeper recursion could exhaust a thread's stack. */
    public static final int MAX_DEPTH_LIMIT = 512;

    private static final int FLAG_TIMESTAMP = 0x20;
    /** With {@link #FLAG_TIMESTAMP}: the 8-byte field is the sender's retry id, not a time ({@link Frame#RETRY_FLAG}). */
    private static final int FLAG_RETRY = Frame.RETRY_FLAG;
    private static final int VERSION_BINARY = 0x01;
    private static final ClaspCodec DEFAULTS = new ClaspCodec(DEFAULT_MAX_DEPTH);

    private final PayloadDecoder payloads;
    private final LegacyMsgPackDecoder legacy;
    private final DecodeLimits limits;
    private final int maxDepth;

    /** A codec that rejects arrays, maps and bundles nested deeper than {@code maxDepth}; other sizes as the wire allows. */
    public ClaspCodec(int maxDepth) {
        this(DecodeLimits.DEFAULTS.withMaxDepth(maxDepth));
    }

    /** A codec whose decoders refuse what exceeds {@code limits}; the encoder nests at most {@code limits.maxDepth()}. */
    public ClaspCodec(DecodeLimits limits) {
        this.payloads = new PayloadDecoder(limits);
        this.legacy = new LegacyMsgPackDecoder(limits);
        this.limits = limits;
        this.maxDepth = limits.maxDepth();
    }

    public static ClaspCodec defaults() { return DEFAULTS; }

    /** What this codec's decoders accept. */
    public DecodeLimits limits() { return limits; }

    /**
     * The size of the frame starting at the reader index once all of it is buffered, or -1 while it is incomplete
     * (the reference's {@code checkComplete}).
     */
    public static int frameLength(ByteBuf in) throws DecodeException {
        int start = in.readerIndex();
        if (in.readableBytes() < HEADER_BYTES) return -1;
        if (in.getUnsignedByte(start) != MAGIC) throw badMagic(in.getUnsignedByte(start));
        int total = headerLength(in.getUnsignedByte(start + 1)) + in.getUnsignedShort(start + 2);
        return in.readableBytes() >= total ? total : -1;
    }

    /**
     * A copy of the whole frame at the reader index of {@code frame} (which is left as it is) with {@code qos} in its
     * flags; nothing else of the frame changes. For a frame encoded once that one recipient needs with another QoS.
     */
    public static ByteBuf withQos(ByteBuf frame, QoS qos) {
        ByteBuf copy = frame.copy();
        int flags = copy.getUnsignedByte(copy.readerIndex() + 1);
        copy.setByte(copy.readerIndex() + 1, (flags & 0x3F) | (qos.code() << 6));
        return copy;
    }

    private static int headerLength(int flags) {
        return (flags & FLAG_TIMESTAMP) != 0 ? HEADER_BYTES + TIMESTAMP_BYTES : HEADER_BYTES;
    }

    private static DecodeException badMagic(int b) {
        return new DecodeException(Kind.BAD_MAGIC, 0, "expected magic 0x53, got 0x" + Integer.toHexString(b));
    }

    /**
     * Decodes the frame at the reader index, and on success moves the reader index past it. Bytes after the
     * frame are left unread. On failure the buffer is unchanged.
     */
    public Frame decode(ByteBuf in) throws DecodeException {
        int start = in.readerIndex();
        int available = in.readableBytes();
        if (available < HEADER_BYTES) {
            throw new DecodeException(Kind.TRUNCATED, 0, "frame of " + available + " bytes is shorter than its header");
        }
        if (in.getUnsignedByte(start) != MAGIC) throw badMagic(in.getUnsignedByte(start));
        int flags = in.getUnsignedByte(start + 1);
        int payloadLength = in.getUnsignedShort(start + 2);
        int header = headerLength(flags);
        if (available < header + payloadLength) {
            throw new DecodeException(Kind.TRUNCATED, available, "frame declares " + (header + payloadLength)
                    + " bytes, " + available + " present");
        }
        if (payloadLength == 0) throw new DecodeException(Kind.EMPTY_PAYLOAD, header, "empty payload");
        Long field = header > HEADER_BYTES ? in.getLong(start + HEADER_BYTES) : null;
        boolean retryable = field != null && (flags & FLAG_RETRY) != 0;
        int payloadStart = start + header;
        int end = payloadStart + payloadLength;
        Message message = isMsgPackMap(in.getUnsignedByte(payloadStart))
                ? legacy.decode(in, start, payloadStart, payloadLength)
                : payloads.message(new WireReader(in, start, payloadStart, end, limits.maxStringBytes()), 0);
        in.readerIndex(end);
        return new Frame(message, QoS.fromCode(flags >>> 6), retryable ? null : field, retryable ? field : null);
    }

    /** Legacy MessagePack payloads start with a map marker (fixmap, map16, map32), never a type code. */
    private static boolean isMsgPackMap(int b) {
        return (b & 0xF0) == 0x80 || b == 0xDE || b == 0xDF;
    }

    public Frame decode(byte[] frame) throws DecodeException {
        return decode(Unpooled.wrappedBuffer(frame));
    }

    /** Appends the whole frame to {@code out}; on failure nothing is written. */
    public void encode(Frame frame, ByteBuf out) throws EncodeException {
        int start = out.writerIndex();
        Long field = frame.retryId() != null ? frame.retryId() : frame.timestamp();
        int mark = field == null ? 0 : frame.retryId() != null ? FLAG_TIMESTAMP | FLAG_RETRY : FLAG_TIMESTAMP;
        out.writeByte(MAGIC);
        out.writeByte((frame.qos().code() << 6) | mark | VERSION_BINARY);
        out.writeShort(0);
        if (field != null) out.writeLong(field);
        int payloadStart = out.writerIndex();
        try {
            new PayloadEncoder(new WireWriter(out, payloadStart), maxDepth).message(frame.message(), 0);
        } catch (EncodeException | RuntimeException e) {
            out.writerIndex(start);
            throw e;
        }
        out.setShort(start + 2, out.writerIndex() - payloadStart);
    }

    /** The frame in a new buffer from {@code alloc}, owned by the caller. */
    public ByteBuf encode(Frame frame, ByteBufAllocator alloc) throws EncodeException {
        ByteBuf out = alloc.buffer(64);
        try {
            encode(frame, out);
            return out;
        } catch (EncodeException | RuntimeException e) {
            out.release();
            throw e;
        }
    }

    public byte[] encode(Frame frame) throws EncodeException {
        ByteBuf out = Unpooled.buffer(64);
        encode(frame, out);
        byte[] bytes = new byte[out.readableBytes()];
        out.readBytes(bytes);
        return bytes;
    }
}
