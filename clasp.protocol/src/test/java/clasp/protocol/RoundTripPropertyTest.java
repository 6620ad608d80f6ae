package clasp.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import clasp.api.message.Frame;
import clasp.api.message.MessageType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Property: every valid frame (all 19 message types, random values, QoS and frame timestamp) encodes, decodes to an
 * equal frame, and re-encodes byte for byte.
 *
 * <p>Seeded and deterministic: {@code -Dclasp.seed=N} changes the run seed, {@code -Dclasp.roundtrip.cases=N} the
 * number of cases. A failure names the run seed and the case index; {@code -Dclasp.case=I} replays that one case.
 */
class RoundTripPropertyTest {
    static final long SEED = Long.getLong("clasp.seed", 0xC1A5_2024_0001L);
    static final int CASES = Integer.getInteger("clasp.roundtrip.cases", 200_000);

    private final ClaspCodec codec = ClaspCodec.defaults();

    @Test
    void encodeDecodeReencodeIsIdentity() throws Exception {
        long started = System.nanoTime();
        Integer only = Integer.getInteger("clasp.case");
        Map<MessageType, Integer> perType = new EnumMap<>(MessageType.class);
        long bytes = 0;
        int from = only != null ? only : 0;
        int to = only != null ? only + 1 : CASES;
        for (int i = from; i < to; i++) {
            RandomMessages gen = new RandomMessages(RandomMessages.caseSeed(SEED, i));
            // Cycle through the types so each is covered evenly; the generator picks everything else.
            MessageType type = RandomMessages.TYPES[i % RandomMessages.TYPES.length];
            Frame frame = gen.frame(type);
            final int n = i;
            Supplier<String> where = () -> "seed " + SEED + " case " + n + " (replay: -Dclasp.seed=" + SEED
                    + " -Dclasp.case=" + n + "): " + frame;
            byte[] encoded;
            Frame decoded;
            try {
                encoded = codec.encode(frame);
                decoded = codec.decode(encoded);
            } catch (Exception | Error e) {
                throw new AssertionError(where.get(), e);
            }
            assertThat(decoded).as(where).isEqualTo(frame);
            byte[] again = codec.encode(decoded);
            assertThat(again).as(where).isEqualTo(encoded);
            int header = frame.timestamp() != null ? 12 : 4;
            assertThat(((encoded[2] & 0xFF) << 8) | (encoded[3] & 0xFF)).as(where).isEqualTo(encoded.length - header);
            if (i % 16 == 0) checkByteBufPaths(frame, encoded, where);
            perType.merge(type, 1, Integer::sum);
            bytes += encoded.length;
        }
        long ms = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("round trip: %d frames (%d bytes) of %d types, seed %d, in %d ms%n",
                to - from, bytes, perType.size(), SEED, ms);
        if (only == null) {
            assertThat(perType).hasSize(19);
            assertThat(perType.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(CASES);
        }
    }

    /** The ByteBuf entry points agree with the byte[] ones, and decoding advances past exactly one frame. */
    private void checkByteBufPaths(Frame frame, byte[] encoded, Supplier<String> where) throws Exception {
        ByteBuf out = codec.encode(frame, ByteBufAllocator.DEFAULT);
        ByteBuf in = Unpooled.buffer();
        try {
            byte[] viaAlloc = new byte[out.readableBytes()];
            out.getBytes(out.readerIndex(), viaAlloc);
            assertThat(viaAlloc).as(where).isEqualTo(encoded);
            in.writeByte(0x00);
            codec.encode(frame, in);
            codec.encode(frame, in);
            in.skipBytes(1);
            assertThat(codec.decode(in)).as(where).isEqualTo(frame);
            assertThat(in.readableBytes()).as(where).isEqualTo(encoded.length);
            assertThat(codec.decode(in)).as(where).isEqualTo(frame);
            assertThat(in.readableBytes()).as(where).isZero();
        } finally {
            out.release();
            in.release();
        }
    }
}
