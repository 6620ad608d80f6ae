package clasp.protocol;

import clasp.api.message.MessageType;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded, structure-aware generator of fuzz inputs for anything that takes CLASP frames. It starts from valid
 * frames (the 164 wire vectors, frames of random messages of every type, and any seeds the caller adds) and mutates
 * them knowing the frame layout: the header's length field, flags and type byte, the u16 length prefixes and counts
 * inside the payload, 8-byte numbers; it splices two frames, repeats a region, builds values, maps and bundles nested
 * far past the depth limit, and sends legacy MessagePack maps. The same seed always yields the same inputs.
 */
public final class FrameMutator {
    static final String[] OPS = {"bit flips", "byte overwrite", "truncation", "truncation (length fixed)",
            "insertion", "insertion (length fixed)", "deletion", "deletion (length fixed)", "header length",
            "header flags", "type byte", "u16 prefix", "splice", "region repeated", "deep nesting",
            "extreme numbers", "legacy msgpack", "random payload", "random bytes", "valid frame"};

    private static final int[] INTERESTING = {0x00, 0x01, 0x02, 0x05, 0x07, 0x08, 0x0A, 0x0B, 0x0C, 0x20, 0x21, 0x30,
            0x53, 0x7F, 0x80, 0x8F, 0xC0, 0xC1, 0xDE, 0xDF, 0xFE, 0xFF};
    private static final long[] EXTREME_LONGS = {0, 1, -1, Long.MAX_VALUE, Long.MIN_VALUE, 0xFFFF_FFFFL, 0x8000_0000L,
            Double.doubleToRawLongBits(Double.NaN), 0x7FF0_0000_0000_0001L, Double.doubleToRawLongBits(-0.0),
            Double.doubleToRawLongBits(Double.POSITIVE_INFINITY), Double.doubleToRawLongBits(Double.NEGATIVE_INFINITY),
            Double.doubleToRawLongBits(Double.MIN_VALUE), Double.doubleToRawLongBits(Double.MAX_VALUE)};
    private static final int[] EXTREME_U16 = {0, 1, 2, 0x7F, 0x80, 0xFF, 0x100, 0x7FFF, 0x8000, 0xFFFE, 0xFFFF};

    private final SplittableRandom r;
    private final List<byte[]> corpus = new ArrayList<>();
    private final RandomMsgPack msgpack;

    /** A generator over the vectors, 3000 random frames from {@code seed}, and {@code seeds}. */
    public FrameMutator(long seed, List<byte[]> seeds) {
        this.r = new SplittableRandom(seed);
        this.msgpack = new RandomMsgPack(r);
        for (JsonNode v : VectorMessages.load()) {
            JsonNode hex = v.get("frame_hex");
            if (hex != null && !hex.isNull()) corpus.add(VectorMessages.hex(hex.asText()));
        }
        RandomMessages messages = new RandomMessages(seed ^ 0x5EED_F00DL);
        for (int i = 0; i < 3000; i++) {
            try {
                corpus.add(ClaspCodec.defaults().encode(messages.frame(RandomMessages.TYPES[i % RandomMessages.TYPES.length])));
            } catch (EncodeException e) {
                throw new IllegalStateException("a random message does not encode", e);
            }
        }
        corpus.addAll(seeds);
    }

    /** The number of valid frames inputs start from. */
    public int corpusSize() { return corpus.size(); }

    public FuzzInput next() {
        int op = r.nextInt(OPS.length);
        byte[] b = make(op);
        String how = OPS[op];
        if (op < 16 && r.nextInt(6) == 0) {
            int second = r.nextInt(16);
            b = mutate(b, second);
            how += " + " + OPS[second];
        }
        return new FuzzInput(b, how);
    }

    private byte[] make(int op) {
        return switch (op) {
            case 14 -> deepNesting();
            case 16 -> withHeader(msgpack.payload());
            case 17 -> withHeader(randomPayload());
            case 18 -> randomBytes(r.nextInt(r.nextBoolean() ? 8 : 64));
            case 19 -> seed().clone();
            default -> mutate(seed(), op);
        };
    }

    private byte[] seed() { return corpus.get(r.nextInt(corpus.size())); }

    private byte[] mutate(byte[] base, int op) {
        byte[] b = base.clone();
        int len = b.length;
        switch (op) {
            case 0 -> {
                for (int k = 1 + r.nextInt(4); k > 0 && len > 0; k--) b[r.nextInt(len)] ^= (byte) (1 << r.nextInt(8));
            }
            case 1 -> {
                for (int k = 1 + r.nextInt(3); k > 0 && len > 0; k--) b[r.nextInt(len)] = (byte) interesting();
            }
            case 2, 3 -> {
                b = Arrays.copyOf(b, len == 0 ? 0 : r.nextInt(len));
                if (op == 3) fixLength(b);
            }
            case 4, 5 -> {
                byte[] ins = randomBytes(1 + r.nextInt(8));
                if (r.nextBoolean()) ins[0] = (byte) interesting();
                b = insert(b, r.nextInt(len + 1), ins);
                if (op == 5) fixLength(b);
            }
            case 6, 7 -> {
                if (len > 0) {
                    int at = r.nextInt(len);
                    b = delete(b, at, Math.min(len - at, 1 + r.nextInt(8)));
                }
                if (op == 7) fixLength(b);
            }
            case 8 -> {
                if (len >= 4) {
                    int declared = u16(b, 2);
                    putU16(b, 2, switch (r.nextInt(4)) {
                        case 0 -> EXTREME_U16[r.nextInt(EXTREME_U16.length)];
                        case 1 -> declared + r.nextInt(-3, 4);
                        case 2 -> len - 4 + r.nextInt(-9, 10);
                        default -> r.nextInt(0x10000);
                    });
                }
            }
            case 9 -> {
                // QoS bits, timestamp bit, retry bit, version: one bit, or the whole byte
                if (len >= 2) b[1] = (byte) (r.nextBoolean() ? b[1] ^ (1 << r.nextInt(8)) : r.nextInt(256));
                if (r.nextBoolean()) fixLength(b);
            }
            case 10 -> {
                int at = payloadStart(b);
                if (at < len) {
                    MessageType[] types = MessageType.values();
                    b[at] = (byte) (r.nextInt(4) == 0 ? r.nextInt(256) : types[r.nextInt(types.length)].code());
                }
            }
            case 11 -> {
                // A string length, count or bundle member length: too small, too large, or off by a little.
                int start = payloadStart(b);
                if (len - start >= 3) {
                    int at = start + 1 + r.nextInt(len - start - 2);
                    int old = u16(b, at);
                    putU16(b, at, switch (r.nextInt(3)) {
                        case 0 -> EXTREME_U16[r.nextInt(EXTREME_U16.length)];
                        case 1 -> old + r.nextInt(-3, 4);
                        default -> len - at - 2 + r.nextInt(-2, 3);
                    });
                }
            }
            case 12 -> {
                byte[] other = seed();
                int cut = r.nextInt(len + 1);
                int from = r.nextInt(other.length + 1);
                b = Arrays.copyOf(b, cut + other.length - from);
                System.arraycopy(other, from, b, cut, other.length - from);
                if (r.nextInt(4) != 0) fixLength(b);
            }
            case 13 -> {
                int start = payloadStart(b);
                if (len > start + 1) {
                    int at = start + 1 + r.nextInt(len - start - 1);
                    int n = Math.min(len - at, 1 + r.nextInt(12));
                    byte[] region = Arrays.copyOfRange(b, at, at + n);
                    ByteArrayOutputStream repeated = new ByteArrayOutputStream();
                    for (int k = r.nextBoolean() ? 2 + r.nextInt(8) : 2 + r.nextInt(4000); k > 0; k--) repeated.writeBytes(region);
                    b = insert(b, at, repeated.toByteArray());
                    if (b.length > ClaspCodec.MAX_FRAME_BYTES) b = Arrays.copyOf(b, ClaspCodec.MAX_FRAME_BYTES);
                    fixLength(b);
                }
            }
            default -> {
                // An 8-byte window (i64, f64, timestamp, revision) or a u16/u32 set to an extreme value.
                if (len >= 8 && r.nextBoolean()) {
                    int at = r.nextInt(len - 7);
                    long v = EXTREME_LONGS[r.nextInt(EXTREME_LONGS.length)];
                    for (int k = 0; k < 8; k++) b[at + k] = (byte) (v >>> (56 - 8 * k));
                } else if (len >= 4) {
                    int at = r.nextInt(len - 3);
                    int v = r.nextBoolean() ? 0xFFFF_FFFF : 0x8000_0000;
                    for (int k = 0; k < 4; k++) b[at + k] = (byte) (v >>> (24 - 8 * k));
                }
            }
        }
        return b;
    }

    /** Arrays, maps, bundles or MessagePack arrays nested around the depth limit or far past it. */
    private byte[] deepNesting() {
        int depth = switch (r.nextInt(4)) {
            case 0 -> ClaspCodec.DEFAULT_MAX_DEPTH - 1 + r.nextInt(3);
            case 1 -> ClaspCodec.MAX_DEPTH_LIMIT - 1 + r.nextInt(3);
            default -> 1 + r.nextInt(r.nextBoolean() ? 100 : 9000);
        };
        ByteArrayOutputStream p = new ByteArrayOutputStream();
        switch (r.nextInt(4)) {
            case 0 -> {
                // SET /f to [[[...]]]: each level a count of 1 then the array code.
                p.writeBytes(new byte[] {0x21, 0x0A, 0, 2, '/', 'f'});
                for (int k = 1; k < depth; k++) p.writeBytes(new byte[] {0, 1, 0x0A});
                p.writeBytes(new byte[] {0, 0});
            }
            case 1 -> {
                // SET /f to {"k": {"k": ...}}
                p.writeBytes(new byte[] {0x21, 0x0B, 0, 2, '/', 'f'});
                for (int k = 1; k < depth; k++) p.writeBytes(new byte[] {0, 1, 0, 1, 'k', 0x0B});
                p.writeBytes(new byte[] {0, 0});
            }
            case 2 -> {
                // BUNDLE of BUNDLE of ... of PING, each member with its exact length.
                int levels = Math.min(depth, (ClaspCodec.MAX_PAYLOAD_BYTES - 1) / 6);
                for (int k = 0; k < levels; k++) {
                    int member = 6 * (levels - 1 - k) + 1;   // the bundles inside this one, then the PING
                    p.writeBytes(new byte[] {0x30, 0, 0, 1, (byte) (member >>> 8), (byte) member});
                }
                p.write(MessageType.PING.code());
            }
            default -> {
                // legacy MessagePack {"type": "SET", "address": "/f", "value": [[[...nil]]]}
                p.write(0x83);
                for (String s : new String[] {"type", "SET", "address", "/f", "value"}) {
                    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
                    p.write(0xA0 | utf8.length);
                    p.writeBytes(utf8);
                }
                for (int k = 0; k < depth; k++) p.write(0x91);
                p.write(0xC0);
            }
        }
        byte[] payload = p.toByteArray();
        return withHeader(payload.length > ClaspCodec.MAX_PAYLOAD_BYTES ? Arrays.copyOf(payload, ClaspCodec.MAX_PAYLOAD_BYTES) : payload);
    }

    private int interesting() { return r.nextBoolean() ? INTERESTING[r.nextInt(INTERESTING.length)] : r.nextInt(256); }

    /** Random payload bytes, usually starting with a real message type code. */
    private byte[] randomPayload() {
        byte[] p = randomBytes(1 + r.nextInt(r.nextInt(4) == 0 ? 200 : 24));
        if (r.nextInt(5) != 0) p[0] = (byte) RandomMessages.TYPES[r.nextInt(RandomMessages.TYPES.length)].code();
        return p;
    }

    /** A valid header (random QoS and timestamp bit) around {@code payload}. */
    private byte[] withHeader(byte[] payload) {
        boolean ts = r.nextInt(4) == 0;
        int header = ts ? 12 : 4;
        byte[] b = new byte[header + payload.length];
        b[0] = ClaspCodec.MAGIC;
        b[1] = (byte) ((r.nextInt(4) << 6) | (ts ? 0x20 : 0) | 0x01);
        putU16(b, 2, payload.length);
        for (int k = 4; k < header; k++) b[k] = (byte) r.nextInt(256);
        System.arraycopy(payload, 0, b, header, payload.length);
        return b;
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) b[i] = (byte) r.nextInt(256);
        if (n > 0 && r.nextBoolean()) b[0] = ClaspCodec.MAGIC;
        return b;
    }

    private static int payloadStart(byte[] b) {
        return b.length >= 2 && (b[1] & 0x20) != 0 ? 12 : 4;
    }

    /** Makes the header's payload length match the bytes present (so the payload parser sees the damage). */
    private static void fixLength(byte[] b) {
        if (b.length < 4) return;
        putU16(b, 2, Math.min(ClaspCodec.MAX_PAYLOAD_BYTES, Math.max(0, b.length - payloadStart(b))));
    }

    private static byte[] insert(byte[] b, int at, byte[] ins) {
        byte[] c = new byte[b.length + ins.length];
        System.arraycopy(b, 0, c, 0, at);
        System.arraycopy(ins, 0, c, at, ins.length);
        System.arraycopy(b, at, c, at + ins.length, b.length - at);
        return c;
    }

    private static byte[] delete(byte[] b, int at, int n) {
        byte[] c = new byte[b.length - n];
        System.arraycopy(b, 0, c, 0, at);
        System.arraycopy(b, at + n, c, at, b.length - at - n);
        return c;
    }

    private static int u16(byte[] b, int at) { return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF); }

    private static void putU16(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 8);
        b[at + 1] = (byte) v;
    }
}
