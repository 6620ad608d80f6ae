package clasp.bridge.dmx.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Cutting what the widget sends into messages, whatever pieces it comes in, and resynchronising after bad bytes. */
class WidgetDecoderTest {
    private static final HexFormat HEX = HexFormat.ofDelimiter(" ").withUpperCase();
    private final List<String> seen = new ArrayList<>();
    private final WidgetDecoder decoder = new WidgetDecoder(new WidgetDecoder.Sink() {
        @Override public void message(int label, byte[] data, int length) {
            seen.add("label " + label + ": " + HEX.formatHex(data, 0, length));
        }

        @Override public void malformed(String why) { seen.add("malformed: " + why); }
    });

    private void feed(String hex) {
        byte[] bytes = HexFormat.of().parseHex(hex.replace(" ", ""));
        decoder.feed(bytes, 0, bytes.length);
    }

    @Test
    void aMessageDecodesTheSameWhateverPiecesItArrivesIn() {
        String message = "7E 05 04 00 00 00 0A 14 E7";
        for (String b : message.split(" ")) feed(b);
        feed(message);
        feed("7E 05 04 00 00 00 0A 14 E7 7E 03 05 00 44 01 11 02 28 E7");
        assertThat(seen).containsExactly("label 5: 00 00 0A 14", "label 5: 00 00 0A 14", "label 5: 00 00 0A 14",
                "label 3: 44 01 11 02 28");
    }

    @Test
    void anEmptyMessageHasNoData() {
        feed("7E 0A 00 00 E7");
        assertThat(seen).containsExactly("label 10: ");
    }

    @Test
    void bytesOutsideAMessageAreReportedOnceAndSkipped() {
        feed("01 02 03 7E 05 02 00 00 00 E7");
        feed("FF");
        assertThat(seen).containsExactly("malformed: 3 bytes outside a message", "label 5: 00 00",
                "malformed: 1 byte outside a message");
    }

    @Test
    void aMessageNotEndedByE7IsReportedAndTheNextOneDecodes() {
        feed("7E 05 02 00 00 00 00 01 02 7E 05 02 00 00 00 E7");
        assertThat(seen).containsExactly("malformed: label 5 with 2 data bytes ends with 00, not E7",
                "label 5: 00 00");
    }

    @Test
    void a7EWhereE7ShouldBeStartsTheNextMessage() {
        feed("7E 05 01 00 00 7E 05 02 00 00 00 E7");   // the first message lost its E7
        assertThat(seen).containsExactly("malformed: label 5 with 1 data bytes ends with 7E, not E7", "label 5: 00 00");
    }

    @Test
    void afterABadEndTheBytesUpToTheNext7EAreSkippedWithoutAnotherReport() {
        feed("7E 05 03 00 00 00 7E 05 02 00 00 00 E7");   // a lost data byte: the E7 is taken for data
        feed("7E 03 05 00 44 01 11 02 28 E7");
        assertThat(seen).containsExactly("malformed: label 5 with 3 data bytes ends with 05, not E7",
                "label 3: 44 01 11 02 28");
    }

    @Test
    void aLengthAboveTheLongestMessageIsReportedAndWhatFollowsIsSkippedWithIt() {
        feed("7E 05 BC 02 01 02 03 04");   // 700 bytes announced
        feed("05 06 7E 05 02 00 00 00 E7");
        assertThat(seen).containsExactly("malformed: label 5 announces 700 data bytes, more than 600", "label 5: 00 00");
    }

    @Test
    void theLongestMessageIsAccepted() {
        StringBuilder hex = new StringBuilder("7E 05 58 02");
        hex.append(" 00".repeat(600)).append(" E7");
        feed(hex.toString());
        assertThat(seen).hasSize(1);
        assertThat(seen.get(0)).startsWith("label 5: 00 00");
    }

    @Test
    void resetForgetsAHalfMessage() {
        feed("7E 05 04 00 00");
        decoder.reset();
        feed("7E 05 02 00 00 00 E7");
        assertThat(seen).containsExactly("label 5: 00 00");
    }
}
