package clasp.osc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlipDecoderTest {
    /** Records what the decoder emits, frames as hex-free byte lists and drops by reason. */
    private static final class Recorder implements SlipDecoder.Sink {
        final List<byte[]> frames = new ArrayList<>();
        final List<SlipDecoder.Drop> drops = new ArrayList<>();

        @Override
        public void frame(byte[] bytes, int length) {
            frames.add(Arrays.copyOf(bytes, length));
        }

        @Override
        public void dropped(SlipDecoder.Drop reason) {
            drops.add(reason);
        }
    }

    private final Recorder out = new Recorder();

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) b[i] = (byte) values[i];
        return b;
    }

    private static void feed(SlipDecoder decoder, byte[] input) {
        decoder.feed(input, 0, input.length);
    }

    @Test
    void aFrameBetweenEndsIsDecoded() {
        feed(new SlipDecoder(100, out), bytes(0xC0, 0x53, 0x01, 0x00, 0x00, 0xC0));
        assertThat(out.frames).containsExactly(bytes(0x53, 0x01, 0x00, 0x00));
        assertThat(out.drops).isEmpty();
    }

    @Test
    void escapesAreUndone() {
        feed(new SlipDecoder(100, out), bytes(0xC0, 0xDB, 0xDC, 0x01, 0xDB, 0xDD, 0xDC, 0xDD, 0xC0));
        assertThat(out.frames).containsExactly(bytes(0xC0, 0x01, 0xDB, 0xDC, 0xDD));
    }

    @Test
    void emptyFramesBetweenEndsAreIgnored() {
        feed(new SlipDecoder(100, out), bytes(0xC0, 0xC0, 0xC0, 0x01, 0xC0, 0xC0, 0x02, 0xC0, 0xC0));
        assertThat(out.frames).containsExactly(bytes(0x01), bytes(0x02));
        assertThat(out.drops).isEmpty();
    }

    @Test
    void bytesBeforeTheFirstEndAreAFrame() {
        feed(new SlipDecoder(100, out), bytes(0x07, 0x08, 0xC0));
        assertThat(out.frames).containsExactly(bytes(0x07, 0x08));
    }

    @Test
    void aFrameIsTheSameWhateverPiecesItArrivesIn() {
        byte[] stream = bytes(0xC0, 0x53, 0xDB, 0xDC, 0x02, 0xDB, 0xDD, 0xC0, 0xC0, 0x09, 0xC0);
        for (int cut1 = 0; cut1 <= stream.length; cut1++) {
            for (int cut2 = cut1; cut2 <= stream.length; cut2++) {
                Recorder pieces = new Recorder();
                SlipDecoder decoder = new SlipDecoder(100, pieces);
                decoder.feed(stream, 0, cut1);
                decoder.feed(stream, cut1, cut2 - cut1);
                decoder.feed(stream, cut2, stream.length - cut2);
                assertThat(pieces.frames).as("cut at %d and %d", cut1, cut2)
                        .containsExactly(bytes(0x53, 0xC0, 0x02, 0xDB), bytes(0x09));
            }
        }
    }

    @Test
    void aFrameOfExactlyMaxFrameBytesIsKeptAndOneMoreByteDropsItUntilTheNextEnd() {
        SlipDecoder decoder = new SlipDecoder(4, out);
        feed(decoder, bytes(0xC0, 1, 2, 3, 4, 0xC0));
        feed(decoder, bytes(0xC0, 1, 2, 3, 4, 5, 6, 7, 8, 9));
        assertThat(out.drops).containsExactly(SlipDecoder.Drop.OVERSIZE); // once per frame, not per byte
        feed(decoder, bytes(10, 0xC0, 0x0B, 0xC0));
        assertThat(out.frames).containsExactly(bytes(1, 2, 3, 4), bytes(0x0B));
    }

    @Test
    void anEscapedByteCountsOnceTowardsTheLimit() {
        feed(new SlipDecoder(2, out), bytes(0xC0, 0xDB, 0xDC, 0xDB, 0xDD, 0xC0));
        assertThat(out.frames).containsExactly(bytes(0xC0, 0xDB));
        assertThat(out.drops).isEmpty();
    }

    @Test
    void aBadEscapeDropsTheFrameAndTheLineResynchronisesAtTheNextEnd() {
        SlipDecoder decoder = new SlipDecoder(100, out);
        feed(decoder, bytes(0xC0, 0x01, 0xDB, 0x41, 0x02, 0x03));
        assertThat(out.drops).containsExactly(SlipDecoder.Drop.BAD_ESCAPE);
        feed(decoder, bytes(0x04, 0xC0, 0x05, 0xC0));
        assertThat(out.frames).containsExactly(bytes(0x05));
    }

    @Test
    void escThenEndDropsTheFrameAndThatEndStartsTheNext() {
        SlipDecoder decoder = new SlipDecoder(100, out);
        feed(decoder, bytes(0xC0, 0x01, 0xDB, 0xC0, 0x06, 0xC0));
        assertThat(out.drops).containsExactly(SlipDecoder.Drop.BAD_ESCAPE);
        assertThat(out.frames).containsExactly(bytes(0x06));
    }

    @Test
    void aFrameAfterALargeOneStillDecodesWhenTheBufferGrew() {
        SlipDecoder decoder = new SlipDecoder(65_547, out);
        byte[] large = new byte[65_547];
        Arrays.fill(large, (byte) 0x11);
        byte[] stream = new byte[large.length + 2];
        System.arraycopy(large, 0, stream, 1, large.length);
        stream[0] = (byte) 0xC0;
        stream[stream.length - 1] = (byte) 0xC0;
        feed(decoder, stream);
        feed(decoder, bytes(0x22, 0xC0));
        assertThat(out.frames).hasSize(2);
        assertThat(out.frames.get(0)).isEqualTo(large);
        assertThat(out.frames.get(1)).containsExactly(0x22);
    }
}
