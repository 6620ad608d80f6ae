package clasp.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import clasp.api.message.Frame;
import com.fasterxml.jackson.databind.JsonNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Robustness property: whatever bytes arrive, {@code decode} returns a Frame or throws {@link DecodeException};
 * any other Throwable (StackOverflowError, OutOfMemoryError, IndexOutOfBoundsException, IllegalArgumentException
 * from a record constructor, ...) fails. A frame that decodes must also re-encode (or fail with
 * {@link EncodeException}, e.g. when i8 values widen to i64 past the payload limit), and what the encoder writes must
 * decode to the same frame. The splitters get random streams, whole and in random chunks.
 *
 * <p>Inputs: random bytes, random payloads under a valid header, legacy MessagePack maps shaped like messages, and
 * mutations of valid frames (bit flips, byte overwrites, truncation, insertion, deletion, length-field corruption,
 * splices), with and without the header's payload length fixed up to match. Seeded ({@code -Dclasp.seed=N});
 * {@code -Dclasp.fuzz.inputs=N} sets the number of decoder inputs. A failure prints the seed, the input number, how
 * it was made and its hex.
 */
class FuzzPropertyTest {
    static final long SEED = Long.getLong("clasp.seed", 0xC1A5_2024_0002L);
    static final int INPUTS = Integer.getInteger("clasp.fuzz.inputs", 250_000);   // the campaign is scripts/fuzz.sh
    static final int STREAMS = Integer.getInteger("clasp.fuzz.streams", 20_000);

    private final ClaspCodec codec = ClaspCodec.defaults();
    private final SplittableRandom r = new SplittableRandom(SEED);
    private final Map<String, int[]> outcomes = new LinkedHashMap<>(); // how -> {inputs, decoded}

    @Test
    void decoderAcceptsOrRejectsEveryInputCleanly() {
        long started = System.nanoTime();
        List<byte[]> corpus = corpus();
        RandomMsgPack msgpack = new RandomMsgPack(r);
        for (int i = 0; i < INPUTS; i++) {
            String how;
            byte[] input;
            int pick = r.nextInt(100);
            if (pick < 8) {
                how = "random bytes";
                input = randomBytes(r.nextInt(r.nextBoolean() ? 8 : 48));
            } else if (pick < 18) {
                how = "random payload";
                input = withHeader(randomPayload());
            } else if (pick < 26) {
                how = "legacy msgpack";
                input = withHeader(msgpack.payload());
                if (r.nextInt(3) == 0) {
                    how = "mutated legacy msgpack";
                    input = mutate(input, r.nextInt(4));
                }
            } else {
                byte[] base = corpus.get(r.nextInt(corpus.size()));
                int op = r.nextInt(MUTATIONS.length);
                how = MUTATIONS[op];
                input = mutate(base, op);
                if (r.nextInt(8) == 0) {
                    how += " + " + MUTATIONS[op = r.nextInt(MUTATIONS.length)];
                    input = mutate(input, op);
                }
            }
            check(input, how, i);
        }
        long ms = (System.nanoTime() - started) / 1_000_000;
        int total = 0, decoded = 0;
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, int[]> e : outcomes.entrySet()) {
            total += e.getValue()[0];
            decoded += e.getValue()[1];
        }
        outcomes.entrySet().stream().filter(e -> !e.getKey().contains(" + "))
                .forEach(e -> sb.append(String.format("%n  %-26s %8d inputs, %7d decoded", e.getKey(), e.getValue()[0],
                        e.getValue()[1])));
        System.out.printf("fuzz: %d inputs (%d decoded to a frame, %d rejected with DecodeException), seed %d, in %d ms%s%n",
                total, decoded, total - decoded, SEED, ms, sb);
        assertThat(total).isEqualTo(INPUTS);
        assertThat(decoded).as("some inputs decode").isPositive();
        assertThat(total - decoded).as("some inputs are rejected").isPositive();
    }

    private void check(byte[] input, String how, int i) {
        int[] counts = outcomes.computeIfAbsent(how, k -> new int[2]);
        counts[0]++;
        Frame frame;
        try {
            if ((i & 15) == 0) {
                // A direct buffer at a non-zero reader index, with bytes after the frame.
                ByteBuf buf = Unpooled.directBuffer(input.length + 4);
                try {
                    buf.writeByte(0x53).writeBytes(input).writeBytes(new byte[] {1, 2, 3});
                    buf.readerIndex(1);
                    frame = codec.decode(buf);
                } finally {
                    buf.release();
                }
            } else {
                frame = codec.decode(input);
            }
        } catch (DecodeException e) {
            return;
        } catch (Throwable t) {
            throw failure("decode threw " + t, input, how, i, t);
        }
        counts[1]++;
        if (frame == null) throw failure("decode returned null", input, how, i, null);
        byte[] reencoded;
        try {
            reencoded = codec.encode(frame);
        } catch (EncodeException e) {
            return;
        } catch (Throwable t) {
            throw failure("re-encoding the decoded frame threw " + t + "; frame " + frame, input, how, i, t);
        }
        Frame again;
        try {
            again = codec.decode(reencoded);
        } catch (Throwable t) {
            throw failure("the encoder's output " + HexFormat.of().formatHex(reencoded) + " does not decode: " + t
                    + "; frame " + frame, input, how, i, t);
        }
        if (!again.equals(frame)) {
            throw failure("decode(encode(decoded)) differs: " + again + " vs " + frame, input, how, i, null);
        }
    }

    private static AssertionError failure(String what, byte[] input, String how, int i, Throwable cause) {
        return new AssertionError(what + " -- seed " + SEED + ", input " + i + " (" + how + "): "
                + HexFormat.of().formatHex(input), cause);
    }

    // ---------------------------------------------------------------- splitters

    @Test
    void splittersCutRandomStreamsCleanly() throws Exception {
        long started = System.nanoTime();
        SplittableRandom sr = new SplittableRandom(SEED ^ 0x5EED);
        RandomMessages gen = new RandomMessages(SEED ^ 0xF00D);
        List<byte[]> frames = new ArrayList<>();
        for (int i = 0; i < 2000; i++) frames.add(codec.encode(gen.frame()));
        int splitFrames = 0, garbageStreams = 0, garbageRejected = 0;
        for (int s = 0; s < STREAMS; s++) {
            boolean prefixed = sr.nextBoolean();
            List<byte[]> sent = new ArrayList<>();
            for (int k = sr.nextInt(1, 12); k > 0; k--) sent.add(frames.get(sr.nextInt(frames.size())));
            ByteBuf stream = Unpooled.buffer();
            for (byte[] f : sent) {
                if (prefixed) stream.writeInt(f.length);
                stream.writeBytes(f);
            }
            byte[] bytes = new byte[stream.readableBytes()];
            stream.readBytes(bytes);
            stream.release();
            List<byte[]> got = split(bytes, prefixed, sr, s, "valid stream");
            assertThat(got).as("seed %d stream %d", SEED, s).hasSize(sent.size());
            for (int k = 0; k < sent.size(); k++) {
                assertThat(got.get(k)).as("seed %d stream %d frame %d", SEED, s, k).isEqualTo(sent.get(k));
                assertThat(codec.decode(got.get(k))).isEqualTo(codec.decode(sent.get(k)));
            }
            splitFrames += got.size();

            // The same stream corrupted, or plain garbage: frames, null or DecodeException, nothing else.
            byte[] bad = sr.nextBoolean() ? randomBytes(sr, sr.nextInt(64)) : corrupt(bytes, sr);
            garbageStreams++;
            if (split(bad, prefixed, sr, s, "garbage stream") == null) garbageRejected++;
        }
        long ms = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("splitters: %d valid streams (%d frames) split exactly, %d garbage streams (%d rejected), "
                + "seed %d, in %d ms%n", STREAMS, splitFrames, garbageStreams, garbageRejected, SEED, ms);
        assertThat(garbageRejected).isPositive();
    }

    /**
     * Feeds {@code bytes} in random chunks to a splitter, collecting every frame; null when the splitter threw a
     * DecodeException (a lost stream). Each frame that comes out is also fed to the decoder.
     */
    private List<byte[]> split(byte[] bytes, boolean prefixed, SplittableRandom sr, int s, String what) {
        FrameSplitter frames = new FrameSplitter(ClaspCodec.MAX_FRAME_BYTES);
        LengthPrefixSplitter lengths = new LengthPrefixSplitter(ClaspCodec.MAX_FRAME_BYTES);
        ByteBuf cumulation = Unpooled.buffer();
        List<byte[]> out = new ArrayList<>();
        String where = what + " " + s + " (seed " + SEED + ", " + (prefixed ? "length-prefixed" : "prefix-less") + "): "
                + HexFormat.of().formatHex(bytes);
        try {
            int at = 0;
            while (at < bytes.length) {
                int n = Math.min(bytes.length - at, sr.nextInt(4) == 0 ? 1 : sr.nextInt(1, 40));
                cumulation.writeBytes(bytes, at, n);
                at += n;
                while (true) {
                    int before = cumulation.readerIndex();
                    ByteBuf frame = prefixed ? lengths.next(cumulation) : frames.next(cumulation);
                    if (frame == null) {
                        assertThat(cumulation.readerIndex()).as("no progress on null: " + where).isEqualTo(before);
                        break;
                    }
                    try {
                        assertThat(cumulation.readerIndex()).as("progress: " + where).isGreaterThan(before);
                        byte[] b = new byte[frame.readableBytes()];
                        frame.getBytes(frame.readerIndex(), b);
                        out.add(b);
                        try {
                            codec.decode(frame);
                        } catch (DecodeException ignored) {
                            // a garbage frame
                        }
                    } finally {
                        frame.release();
                    }
                }
            }
            if (what.equals("valid stream")) assertThat(cumulation.readableBytes()).as("bytes left: " + where).isZero();
            return out;
        } catch (DecodeException e) {
            return null;
        } catch (AssertionError e) {
            throw e;
        } catch (Throwable t) {
            throw new AssertionError("splitter threw " + t + ": " + where, t);
        } finally {
            cumulation.release();
        }
    }

    private byte[] corrupt(byte[] bytes, SplittableRandom sr) {
        byte[] b = bytes.clone();
        for (int k = sr.nextInt(1, 4); k > 0 && b.length > 0; k--) b[sr.nextInt(b.length)] = (byte) sr.nextInt(256);
        return b;
    }

    // ---------------------------------------------------------------- inputs

    /** Every frame of the vector file plus generated frames of every type. */
    private List<byte[]> corpus() {
        List<byte[]> corpus = new ArrayList<>();
        for (JsonNode v : VectorMessages.load()) {
            JsonNode hex = v.get("frame_hex");
            if (hex != null && !hex.isNull()) corpus.add(VectorMessages.hex(hex.asText()));
        }
        RandomMessages gen = new RandomMessages(SEED);
        for (int i = 0; i < 3000; i++) {
            try {
                corpus.add(codec.encode(gen.frame(RandomMessages.TYPES[i % RandomMessages.TYPES.length])));
            } catch (EncodeException e) {
                throw new AssertionError(e);
            }
        }
        return corpus;
    }

    static final String[] MUTATIONS = {"bit flips", "byte overwrite", "truncation", "truncation (length fixed)",
            "insertion", "insertion (length fixed)", "deletion", "deletion (length fixed)", "header length corrupt",
            "inner length corrupt", "splice", "header flags"};

    private static final int[] INTERESTING = {0x00, 0x01, 0x02, 0x05, 0x07, 0x08, 0x0A, 0x0B, 0x0C, 0x20, 0x21, 0x30,
            0x53, 0x7F, 0x80, 0x8F, 0xC1, 0xDE, 0xDF, 0xFE, 0xFF};

    private byte[] mutate(byte[] base, int op) {
        byte[] b = base.clone();
        int len = b.length;
        switch (op) {
            case 0 -> {
                for (int k = 1 + r.nextInt(4); k > 0 && len > 0; k--) b[r.nextInt(len)] ^= (byte) (1 << r.nextInt(8));
            }
            case 1 -> {
                for (int k = 1 + r.nextInt(3); k > 0 && len > 0; k--) {
                    b[r.nextInt(len)] = (byte) (r.nextBoolean() ? INTERESTING[r.nextInt(INTERESTING.length)] : r.nextInt(256));
                }
            }
            case 2, 3 -> {
                b = Arrays.copyOf(b, len == 0 ? 0 : r.nextInt(len));
                if (op == 3) fixLength(b);
            }
            case 4, 5 -> {
                int at = r.nextInt(len + 1);
                byte[] ins = randomBytes(1 + r.nextInt(8));
                if (r.nextBoolean()) ins[0] = (byte) INTERESTING[r.nextInt(INTERESTING.length)];
                byte[] c = new byte[len + ins.length];
                System.arraycopy(b, 0, c, 0, at);
                System.arraycopy(ins, 0, c, at, ins.length);
                System.arraycopy(b, at, c, at + ins.length, len - at);
                b = c;
                if (op == 5) fixLength(b);
            }
            case 6, 7 -> {
                if (len > 0) {
                    int at = r.nextInt(len);
                    int n = Math.min(len - at, 1 + r.nextInt(8));
                    byte[] c = new byte[len - n];
                    System.arraycopy(b, 0, c, 0, at);
                    System.arraycopy(b, at + n, c, at, len - at - n);
                    b = c;
                }
                if (op == 7) fixLength(b);
            }
            case 8 -> {
                if (len >= 4) {
                    int declared = ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
                    int v = switch (r.nextInt(4)) {
                        case 0 -> 0;
                        case 1 -> 0xFFFF;
                        case 2 -> declared + r.nextInt(-3, 4);
                        default -> r.nextInt(0x10000);
                    };
                    b[2] = (byte) (v >>> 8);
                    b[3] = (byte) v;
                }
            }
            case 9 -> {
                // Overwrite a u16 inside the payload (string lengths, counts, inner bundle lengths).
                if (len >= 6) {
                    int at = 4 + r.nextInt(len - 5);
                    int old = ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
                    int v = switch (r.nextInt(5)) {
                        case 0 -> 0;
                        case 1 -> 0xFFFF;
                        case 2 -> old + r.nextInt(-3, 4);
                        case 3 -> len - at - 2 + r.nextInt(-2, 3);
                        default -> r.nextInt(0x10000);
                    };
                    b[at] = (byte) (v >>> 8);
                    b[at + 1] = (byte) v;
                }
            }
            case 10 -> {
                byte[] other = randomBytes(r.nextInt(16));
                int cut = r.nextInt(len + 1);
                byte[] c = Arrays.copyOf(b, cut + other.length);
                System.arraycopy(other, 0, c, cut, other.length);
                b = c;
                if (r.nextBoolean()) fixLength(b);
            }
            default -> {
                if (len >= 2) b[1] = (byte) r.nextInt(256);
            }
        }
        return b;
    }

    /** Makes the header's payload length match the bytes present (so the payload parser sees the damage). */
    private static void fixLength(byte[] b) {
        if (b.length < 4) return;
        int header = (b[1] & 0x20) != 0 ? 12 : 4;
        int payload = Math.max(0, b.length - header);
        b[2] = (byte) (payload >>> 8);
        b[3] = (byte) payload;
    }

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
        b[0] = 0x53;
        b[1] = (byte) ((r.nextInt(4) << 6) | (ts ? 0x20 : 0) | 0x01);
        b[2] = (byte) (payload.length >>> 8);
        b[3] = (byte) payload.length;
        for (int k = 4; k < header; k++) b[k] = (byte) r.nextInt(256);
        System.arraycopy(payload, 0, b, header, payload.length);
        return b;
    }

    private byte[] randomBytes(int n) { return randomBytes(r, n); }

    private static byte[] randomBytes(SplittableRandom r, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) b[i] = (byte) r.nextInt(256);
        if (n > 0 && r.nextBoolean()) b[0] = 0x53;
        return b;
    }
}
