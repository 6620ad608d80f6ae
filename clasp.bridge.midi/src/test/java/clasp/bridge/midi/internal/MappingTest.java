package clasp.bridge.midi.internal;

import static clasp.bridge.midi.internal.Vectors.B;
import static clasp.bridge.midi.internal.Vectors.hex;
import static clasp.test.peers.router.MessageLines.lines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import clasp.api.Value;
import clasp.api.message.Message;
import clasp.api.message.PublishMessage;
import clasp.api.message.SetMessage;
import clasp.bridge.midi.internal.MidiToClasp.Clock;
import clasp.bridge.midi.internal.MidiToClasp.Decoded;
import clasp.test.peers.router.MessageLines;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The §3.3 mapping on its own, both ways: MIDI bytes to CLASP messages and back, with every option. */
class MappingTest {
    private static final MidiValues RAW = new MidiValues(false, 1, 0);

    private MidiToClasp in = new MidiToClasp(B, RAW, false, Clock.BEATS, 65_536);
    private ClaspToMidi out = new ClaspToMidi(B, RAW, false, 65_536);

    @Test
    void everyTableVectorComesInAsTheTableSaysAndGoesOutAsTheSameBytes() throws Exception {
        for (Vectors.Row row : Vectors.TABLE) {
            List<Message> clasp = decode(row.hex());
            assertThat(lines(clasp)).as(row.name()).isEqualTo(row.clasp());
            for (Message m : clasp) assertThat(out(m)).as(row.name() + ": " + MessageLines.line(m)).containsExactly(hex(row.bytes()));
        }
    }

    @Test
    void everyRowTheTableLacksBothWays() throws Exception {
        for (Vectors.Row row : Vectors.MORE) {
            List<Message> clasp = decode(row.hex());
            assertThat(lines(clasp)).as(row.name()).isEqualTo(row.clasp());
            assertThat(out(clasp.get(0))).as(row.name()).containsExactly(hex(row.bytes()));
        }
        // the note state SET of a Note Off carries 0, so it goes out without the release velocity
        assertThat(out(decode("8F 40 40").get(1))).containsExactly("8F 40 00");
        // Note On with velocity 0 is a Note Off, and goes out as one
        List<Message> zero = decode(Vectors.NOTE_ON_ZERO.hex());
        assertThat(lines(zero)).isEqualTo(Vectors.NOTE_ON_ZERO.clasp());
        assertThat(out(zero.get(0))).containsExactly("80 3C 00");
        assertThat(out(zero.get(1))).containsExactly("80 3C 00");
        // clock: a stream sample with clock=all, and one F8 out whatever it carries
        in = new MidiToClasp(B, RAW, false, Clock.ALL, 65_536);
        List<Message> clock = decode(Vectors.CLOCK.hex());
        assertThat(lines(clock)).isEqualTo(Vectors.CLOCK.clasp());
        assertThat(out(clock.get(0))).containsExactly("F8");
        assertThat(out(new SetMessage(B + "/clock", Value.of(1)))).containsExactly("F8");
        // MTC: inbound only
        assertThat(lines(decodeAll(Vectors.MTC_01_02_03_04))).containsExactly("SET " + B + "/mtc STRING:\"01:02:03:04\"");
        assertThatThrownBy(() -> out.toMidi(B + "/mtc", Value.of("01:02:03:04"))).hasMessage(B + "/mtc is inbound only");
    }

    @Test
    void everyNoteOnAndOffOfEveryChannelRoundTrips() throws Exception {
        for (int status = 0x80; status <= 0x9F; status++) {
            for (int note : new int[] {0, 60, 127}) {
                for (int velocity : new int[] {1, 64, 127}) {
                    byte[] bytes = {(byte) status, (byte) note, (byte) velocity};
                    List<Message> clasp = in.decode(bytes, 3).messages();
                    assertThat(out(clasp.get(0))).containsExactly(hex(bytes));
                    String state = hex(new byte[] {(byte) (status | 0x10), (byte) note, (byte) velocity});
                    assertThat(out(clasp.get(1))).containsExactly(status >= 0x90 ? state
                            : hex(new byte[] {(byte) status, (byte) note, 0}));
                }
            }
        }
    }

    @Test
    void outboundNoteEventsTakeDefaults() throws Exception {
        assertThat(out(note(Map.of("note", Value.of(60))))).containsExactly("90 3C 40");   // velocity 64, on
        assertThat(out(note(Map.of("note", Value.of(60), "velocity", Value.of(0))))).containsExactly("80 3C 00");
        assertThat(out(note(Map.of("note", Value.of(60), "velocity", Value.of(30), "on", Value.of(false)))))
                .containsExactly("80 3C 1E");
        assertThat(out(note(Map.of("note", Value.of(60.0), "velocity", Value.of(99.6)))))   // a JS client's numbers
                .containsExactly("90 3C 64");
        assertThatThrownBy(() -> out(note(Map.of("velocity", Value.of(3))))).hasMessage(B + "/ch/1/note: the Map has no note");
        assertThatThrownBy(() -> out(note(Map.of("note", Value.of(1), "on", Value.of(1)))))
                .hasMessage(B + "/ch/1/note: on must be true or false");
        assertThatThrownBy(() -> out(note(Map.of("note", Value.of("C4")))))
                .hasMessage(B + "/ch/1/note note: not numeric: STRING");
        assertThatThrownBy(() -> out.toMidi(B + "/ch/1/note", Value.of(60))).hasMessage(B + "/ch/1/note takes a Map {note, velocity, on}, not INT");
    }

    @Test
    void outboundValuesAreClampedAndRounded() throws Exception {
        assertThat(send("/ch/1/cc/7", Value.of(200))).containsExactly("B0 07 7F");
        assertThat(send("/ch/1/cc/7", Value.of(-5))).containsExactly("B0 07 00");
        assertThat(send("/ch/1/cc/7", Value.of(63.5))).containsExactly("B0 07 40");
        assertThat(send("/ch/1/cc/7", Value.of(true))).containsExactly("B0 07 7F");
        assertThat(send("/ch/1/cc/7", Value.of(false))).containsExactly("B0 07 00");
        assertThat(send("/ch/1/bend", Value.of(10_000))).containsExactly("E0 7F 7F");
        assertThat(send("/ch/1/bend", Value.of(-9_000))).containsExactly("E0 00 00");
        assertThat(send("/ch/1/program", Value.of(300))).containsExactly("C0 7F");
        assertThat(send("/ch/1/pressure", Value.of(1L << 40))).containsExactly("D0 7F");
        assertThat(send("/ch/1/poly/60", Value.of(-1))).containsExactly("A0 3C 00");
        assertThat(send("/songpos", Value.of(20_000))).containsExactly("F2 7F 7F");
        assertThat(send("/ch/1/note/60", Value.of(500))).containsExactly("90 3C 7F");
        assertThat(out(note(Map.of("note", Value.of(200), "velocity", Value.of(-3), "on", Value.of(true)))))
                .containsExactly("90 7F 00");
    }

    @Test
    void outboundRefusesWhatIsNotNumericOrNotAMidiAddress() {
        refused("/ch/1/cc/7", Value.of("loud"), B + "/ch/1/cc/7: not numeric: STRING");
        refused("/ch/1/cc/7", Value.of(Double.NaN), B + "/ch/1/cc/7: not numeric: FLOAT");
        refused("/ch/1/cc/7", null, B + "/ch/1/cc/7: no value");
        refused("/ch/1/bend", Value.of(List.of(Value.of(1))), B + "/ch/1/bend: not numeric: ARRAY");
        refused("/ch/1/program", Value.ofNull(), B + "/ch/1/program: not numeric: NULL");
        refused("/songpos", Value.of(new byte[] {1}), B + "/songpos: not numeric: BYTES");
        refused("/ch/0/cc/1", Value.of(1), B + "/ch/0/cc/1: channel must be 1-16");
        refused("/ch/17/cc/1", Value.of(1), B + "/ch/17/cc/1: channel must be 1-16");
        refused("/ch/01/cc/1", Value.of(1), B + "/ch/01/cc/1: channel must be 1-16");
        refused("/ch/1/cc/128", Value.of(1), B + "/ch/1/cc/128 is not a MIDI address (note and controller numbers are 0-127)");
        refused("/ch/1/cc/07", Value.of(1), B + "/ch/1/cc/07 is not a MIDI address (note and controller numbers are 0-127)");
        refused("/ch/1/cc/+7", Value.of(1), B + "/ch/1/cc/+7 is not a MIDI address (note and controller numbers are 0-127)");
        refused("/ch/1/volume", Value.of(1), B + "/ch/1/volume is not a MIDI address");
        refused("/ch/1/note/60/x", Value.of(1), B + "/ch/1/note/60/x is not a MIDI address (note and controller numbers are 0-127)");
        refused("/ch/1/pitch/3", Value.of(1), B + "/ch/1/pitch/3 is not a MIDI address");
        refused("/ch/1", Value.of(1), B + "/ch/1 is not a MIDI address");
        refused("/tempo", Value.of(1), B + "/tempo is not a MIDI address");
        refused("/beat", Value.of(1), B + "/beat is inbound only");
        refused("/transport", Value.of("pause"), B + "/transport takes \"start\", \"continue\" or \"stop\", not \"pause\"");
        refused("/transport", Value.of(1), B + "/transport takes \"start\", \"continue\" or \"stop\", not 1");
        refused("/sysex", Value.of("F0F7"), B + "/sysex takes Bytes F0 … F7, not STRING");
        refused("/sysex", null, B + "/sysex takes Bytes F0 … F7, not nothing");
        refused("/sysex", Value.of(Vectors.Row.bytes("F0 01")), B + "/sysex: SysEx must start with F0 and end with F7");
        refused("/sysex", Value.of(Vectors.Row.bytes("7E F7")), B + "/sysex: SysEx must start with F0 and end with F7");
        refused("/sysex", Value.of(Vectors.Row.bytes("F0 01 90 F7")), B + "/sysex: SysEx data byte at 2 has bit 7 set");
        assertThatThrownBy(() -> out.toMidi("/midi/other/ch/1/cc/1", Value.of(1))).hasMessage("/midi/other/ch/1/cc/1 is not under " + B);
        assertThatThrownBy(() -> out.toMidi(B, Value.of(1))).hasMessage(B + " is not under " + B);
        ClaspToMidi small = new ClaspToMidi(B, RAW, false, 4);
        try {
            assertThat(small.toMidi(B + "/sysex", Value.of(Vectors.Row.bytes("F0 01 02 F7")))).hasSize(1);
        } catch (ClaspToMidi.Refused e) {
            throw new AssertionError(e);
        }
        assertThatThrownBy(() -> small.toMidi(B + "/sysex", Value.of(Vectors.Row.bytes("F0 01 02 03 F7"))))
                .hasMessage(B + "/sysex: SysEx of 5 bytes, more than maxSysexBytes 4");
    }

    @Test
    void normalizeMapsLevelsToUnitsAndBendToPlusMinusOne() throws Exception {
        MidiValues normalized = new MidiValues(true, 1, 0);
        in = new MidiToClasp(B, normalized, false, Clock.BEATS, 65_536);
        out = new ClaspToMidi(B, normalized, false, 65_536);
        assertThat(lines(decode("90 3C 7F"))).containsExactly(
                "PUBLISH EVENT " + B + "/ch/1/note MAP:{note=60, velocity=1.0, on=true}", "SET " + B + "/ch/1/note/60 FLOAT:1.0");
        assertThat(lines(decode("B0 07 00"))).containsExactly("SET " + B + "/ch/1/cc/7 FLOAT:0.0");
        assertThat(lines(decode("D0 40"))).containsExactly("SET " + B + "/ch/1/pressure FLOAT:" + 64 / 127.0);
        assertThat(lines(decode("E0 00 00"))).containsExactly("SET " + B + "/ch/1/bend FLOAT:-1.0");
        assertThat(lines(decode("E0 00 40"))).containsExactly("SET " + B + "/ch/1/bend FLOAT:0.0");
        assertThat(lines(decode("E0 7F 7F"))).containsExactly("SET " + B + "/ch/1/bend FLOAT:1.0");
        assertThat(lines(decode("C0 05"))).containsExactly("SET " + B + "/ch/1/program INT:5");   // an index, not a level
        assertThat(lines(decode("F2 10 02"))).containsExactly("SET " + B + "/songpos INT:272");
        assertThat(send("/ch/1/cc/7", Value.of(0.5))).containsExactly("B0 07 40");
        assertThat(send("/ch/1/cc/7", Value.of(2.0))).containsExactly("B0 07 7F");
        assertThat(send("/ch/1/cc/7", Value.of(1))).containsExactly("B0 07 7F");   // an Int counts as that fraction
        assertThat(send("/ch/1/bend", Value.of(-1.0))).containsExactly("E0 00 00");
        assertThat(send("/ch/1/bend", Value.of(0.0))).containsExactly("E0 00 40");
        assertThat(send("/ch/1/bend", Value.of(1.0))).containsExactly("E0 7F 7F");
        assertThat(send("/ch/1/bend", Value.of(-7.0))).containsExactly("E0 00 00");
        assertThat(send("/ch/1/program", Value.of(5))).containsExactly("C0 05");
        // every level and every bend value comes back as it went
        for (int v = 0; v <= 127; v++) {
            byte[] bytes = {(byte) 0xB0, 7, (byte) v};
            assertThat(out(in.decode(bytes, 3).messages().get(0))).containsExactly(hex(bytes));
        }
        for (int v = 0; v < 16_384; v++) {
            byte[] bytes = {(byte) 0xE0, (byte) (v & 0x7F), (byte) (v >> 7)};
            assertThat(out(in.decode(bytes, 3).messages().get(0))).containsExactly(hex(bytes));
        }
    }

    @Test
    void scaleAndOffsetMapLevelsAndFourteenBitControllersButNotBend() throws Exception {
        MidiValues fader = new MidiValues(true, 127, 0);   // the scale wins over normalize
        in = new MidiToClasp(B, fader, true, Clock.BEATS, 65_536);
        out = new ClaspToMidi(B, fader, true, 65_536);
        assertThat(lines(decode("B0 47 7F"))).containsExactly("SET " + B + "/ch/1/cc/71 FLOAT:1.0");
        assertThat(lines(decode("A0 3C 00"))).containsExactly("SET " + B + "/ch/1/poly/60 FLOAT:0.0");
        assertThat(send("/ch/1/cc/71", Value.of(0.5))).containsExactly("B0 47 40");
        assertThat(send("/ch/1/note/60", Value.of(1.0))).containsExactly("90 3C 7F");
        assertThat(lines(decode("B0 07 7F"))).containsExactly("SET " + B + "/ch/1/cc/7 FLOAT:" + 127 * 128 / 16383.0);
        assertThat(lines(decode("B0 27 7F"))).containsExactly("SET " + B + "/ch/1/cc/7 FLOAT:1.0");
        assertThat(send("/ch/1/cc/7", Value.of(1.0))).containsExactly("B0 07 7F", "B0 27 7F");
        assertThat(send("/ch/1/cc/7", Value.of(0.5))).containsExactly("B0 07 40", "B0 27 00");
        assertThat(send("/ch/1/cc/7", Value.of(0.0))).containsExactly("B0 07 00", "B0 27 00");
        assertThat(lines(decode("E0 7F 7F"))).containsExactly("SET " + B + "/ch/1/bend FLOAT:1.0");   // normalize, not the scale

        MidiValues inverted = new MidiValues(false, -127, 127);
        in = new MidiToClasp(B, inverted, false, Clock.BEATS, 65_536);
        out = new ClaspToMidi(B, inverted, false, 65_536);
        assertThat(lines(decode("B0 07 7F"))).containsExactly("SET " + B + "/ch/1/cc/7 FLOAT:0.0");
        assertThat(lines(decode("B0 07 00"))).containsExactly("SET " + B + "/ch/1/cc/7 FLOAT:1.0");
        assertThat(send("/ch/1/cc/7", Value.of(0.25))).containsExactly("B0 07 5F");   // 127 - 31.75 = 95.25
        assertThat(send("/ch/1/cc/7", Value.of(2.0))).containsExactly("B0 07 00");
        assertThat(lines(decode("E0 00 00"))).containsExactly("SET " + B + "/ch/1/bend INT:-8192");   // raw bend
        assertThat(send("/ch/1/bend", Value.of(-8192))).containsExactly("E0 00 00");
        assertThat(lines(decode("C0 05"))).containsExactly("SET " + B + "/ch/1/program INT:5");

        assertThatThrownBy(() -> new MidiValues(false, 0, 0)).hasMessageContaining("scale must be");
    }

    @Test
    void fourteenBitControllersPairMsbAndLsb() throws Exception {
        in = new MidiToClasp(B, RAW, true, Clock.BEATS, 65_536);
        out = new ClaspToMidi(B, RAW, true, 65_536);
        assertThat(lines(decodeAll(List.of("B0 07 40", "B0 27 10", "B0 27 11", "B0 07 41", "B0 27 00", "B0 40 7F", "B1 21 05",
                "B0 1F 7F", "B0 3F 7F")))).containsExactly(
                "SET " + B + "/ch/1/cc/7 INT:8192",    // MSB: written at once, LSB cleared
                "SET " + B + "/ch/1/cc/7 INT:8208",    // its LSB
                "SET " + B + "/ch/1/cc/7 INT:8209",    // a fine change: the LSB alone
                "SET " + B + "/ch/1/cc/7 INT:8320",
                "SET " + B + "/ch/1/cc/7 INT:8320",
                "SET " + B + "/ch/1/cc/64 INT:127",    // 64-127 stay 7-bit
                "SET " + B + "/ch/2/cc/1 INT:5",       // no MSB yet on channel 2: 0
                "SET " + B + "/ch/1/cc/31 INT:16256",
                "SET " + B + "/ch/1/cc/31 INT:16383");
        assertThat(send("/ch/1/cc/7", Value.of(8209))).containsExactly("B0 07 40", "B0 27 11");
        assertThat(send("/ch/16/cc/0", Value.of(20_000))).containsExactly("BF 00 7F", "BF 20 7F");
        assertThat(send("/ch/1/cc/39", Value.of(5))).containsExactly("B0 27 05");   // an LSB controller on its own
        assertThat(send("/ch/1/cc/64", Value.of(127))).containsExactly("B0 40 7F");
        MidiValues normalized = new MidiValues(true, 1, 0);
        in = new MidiToClasp(B, normalized, true, Clock.BEATS, 65_536);
        out = new ClaspToMidi(B, normalized, true, 65_536);
        assertThat(lines(decodeAll(List.of("B0 01 7F", "B0 21 7F")))).containsExactly(
                "SET " + B + "/ch/1/cc/1 FLOAT:" + 16256 / 16383.0, "SET " + B + "/ch/1/cc/1 FLOAT:1.0");
        assertThat(send("/ch/1/cc/1", Value.of(0.5))).containsExactly("B0 01 40", "B0 21 00");
    }

    @Test
    void mtcIsWrittenOnceEightQuarterFramesCompleteATime() {
        List<String> forwards = Vectors.MTC_01_02_03_04;
        List<Decoded> each = new ArrayList<>();
        for (String qf : forwards) each.add(in.decode(Vectors.Row.bytes(qf), 2));
        assertThat(each.subList(0, 7)).allMatch(d -> d.messages().isEmpty() && d.problem() == null);
        assertThat(lines(each.get(7).messages())).containsExactly("SET " + B + "/mtc STRING:\"01:02:03:04\"");

        // backwards (a tape rewinding): the same time once piece 0 completes the run
        List<String> backwards = new ArrayList<>(forwards);
        java.util.Collections.reverse(backwards);
        assertThat(lines(decodeAll(backwards))).containsExactly("SET " + B + "/mtc STRING:\"01:02:03:04\"");
        // joining in the middle: the first complete run counts
        List<String> late = new ArrayList<>(forwards.subList(4, 8));
        late.addAll(forwards);
        assertThat(lines(decodeAll(late))).containsExactly("SET " + B + "/mtc STRING:\"01:02:03:04\"");
        // a piece missing: nothing until a whole run
        List<String> gap = new ArrayList<>(forwards);
        gap.remove(5);
        assertThat(decodeAll(gap)).isEmpty();
        // two runs: two times; 23:59:59:29 at 30 fps (rate bits 3)
        List<String> late2 = List.of("F1 0D", "F1 11", "F1 2B", "F1 33", "F1 4B", "F1 53", "F1 67", "F1 77");
        assertThat(lines(decodeAll(late2))).containsExactly("SET " + B + "/mtc STRING:\"23:59:59:29\"");
        // frame 25 at 25 fps does not exist
        List<String> bad = List.of("F1 09", "F1 11", "F1 20", "F1 30", "F1 40", "F1 50", "F1 60", "F1 72");
        Decoded last = null;
        for (String qf : bad) last = in.decode(Vectors.Row.bytes(qf), 2);
        assertThat(last.messages()).isEmpty();
        assertThat(last.problem()).isEqualTo("MTC time out of range: 00:00:00:25 at 25 fps");
    }

    @Test
    void clockIsReducedToOneBeatEveryTwentyFourClocksWhileRunning() {
        List<String> start = new ArrayList<>(List.of("FA"));
        for (int i = 0; i < 49; i++) start.add("F8");
        assertThat(lines(decodeAll(start))).containsExactly("PUBLISH EVENT " + B + "/transport STRING:\"start\"",
                "PUBLISH EVENT " + B + "/beat INT:0", "PUBLISH EVENT " + B + "/beat INT:1", "PUBLISH EVENT " + B + "/beat INT:2");
        // stopped: clocks keep coming, no beats; song position 5 (30 clocks) then continue: beat 2 comes 18 clocks later
        List<String> stopped = new ArrayList<>(List.of("FC"));
        for (int i = 0; i < 30; i++) stopped.add("F8");
        stopped.add("F2 05 00");
        stopped.add("FB");
        for (int i = 0; i < 19; i++) stopped.add("F8");
        List<Message> clasp = decodeAll(stopped);
        assertThat(lines(clasp)).containsExactly("PUBLISH EVENT " + B + "/transport STRING:\"stop\"",
                "SET " + B + "/songpos INT:5", "PUBLISH EVENT " + B + "/transport STRING:\"continue\"",
                "PUBLISH EVENT " + B + "/beat INT:2");
        // before any transport message the clock counts from the first clock
        in = new MidiToClasp(B, RAW, false, Clock.BEATS, 65_536);
        assertThat(lines(decodeAll(List.of("F8")))).containsExactly("PUBLISH EVENT " + B + "/beat INT:0");
        // off: nothing; all: every clock
        in = new MidiToClasp(B, RAW, false, Clock.OFF, 65_536);
        assertThat(decodeAll(start)).hasSize(1);
        in = new MidiToClasp(B, RAW, false, Clock.ALL, 65_536);
        assertThat(decodeAll(start)).hasSize(50).last().satisfies(m -> assertThat(MessageLines.line(m)).isEqualTo("PUBLISH STREAM " + B + "/clock -"));
    }

    @Test
    void malformedInputBecomesAReasonAndNoMessage() {
        malformed("3C 64", "no status byte: 3C 64");
        malformed("90 3C", "Note On needs 3 bytes, got 2: 90 3C");
        malformed("90 3C 64 00", "Note On needs 3 bytes, got 4: 90 3C 64 00");
        malformed("80 BC 00", "data byte with bit 7 set: 80 BC 00");
        malformed("C0", "Program Change needs 2 bytes, got 1: C0");
        malformed("D0 01 02", "Channel Pressure needs 2 bytes, got 3: D0 01 02");
        malformed("A0 01", "Poly Aftertouch needs 3 bytes, got 2: A0 01");
        malformed("B0 01", "Control Change needs 3 bytes, got 2: B0 01");
        malformed("E0 01", "Pitch Bend needs 3 bytes, got 2: E0 01");
        malformed("F2 01", "Song Position needs 3 bytes, got 2: F2 01");
        malformed("F1", "MTC Quarter Frame needs 2 bytes, got 1: F1");
        malformed("F3", "Song Select needs 2 bytes, got 1: F3");
        malformed("F8 00", "System message F8 needs 1 bytes, got 2: F8 00");
        malformed("F0 7E 80 F7", "SysEx data byte 80 at 2 has bit 7 set");
        malformed("F7 01 F7", "SysEx continuation without a start: F7 01 F7");
        malformed("90 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00",
                "Note On needs 3 bytes, got 18: 90 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 …");
        assertThat(in.decode(new byte[0], 0).problem()).isEqualTo("empty MIDI message");
        assertThat(in.decode(new byte[] {(byte) 0x90}, 3).problem()).isEqualTo("MIDI message of 3 bytes in 1");
        MidiToClasp small = new MidiToClasp(B, RAW, false, Clock.BEATS, 4);
        assertThat(small.decode(Vectors.Row.bytes("F0 01 02 F7"), 4).messages()).hasSize(1);
        assertThat(small.decode(Vectors.Row.bytes("F0 01 02 03 F7"), 5).problem()).isEqualTo("SysEx of 5 bytes, more than maxSysexBytes 4");
        // what the table does not map is ignored without a complaint
        for (String ignored : List.of("F3 01", "F6", "FE", "FF", "F4", "F5", "F9", "FD")) {
            Decoded d = in.decode(Vectors.Row.bytes(ignored), Vectors.Row.bytes(ignored).length);
            assertThat(d.messages()).as(ignored).isEmpty();
            assertThat(d.problem()).as(ignored).isNull();
        }
    }

    @Test
    void aSysExJavaSoundDeliversInPiecesIsJoined() {
        assertThat(lines(decodeAll(List.of("F0 7E 7F", "F7 06", "F7 01 F7")))).containsExactly("PUBLISH EVENT " + B + "/sysex BYTES:bytes:f07e7f0601f7");
        // a new SysEx cuts a pending one short: counted, and the new one goes through
        assertThat(in.decode(Vectors.Row.bytes("F0 01"), 2).messages()).isEmpty();
        Decoded cut = in.decode(Vectors.Row.bytes("F0 02 F7"), 3);
        assertThat(lines(cut.messages())).containsExactly("PUBLISH EVENT " + B + "/sysex BYTES:bytes:f002f7");
        assertThat(cut.problem()).isEqualTo("SysEx of 2 bytes cut short by a new one");
        // too long in pieces
        MidiToClasp small = new MidiToClasp(B, RAW, false, Clock.BEATS, 4);
        small.decode(Vectors.Row.bytes("F0 01 02"), 3);
        assertThat(small.decode(Vectors.Row.bytes("F7 03 F7"), 3).problem()).isEqualTo("SysEx of more than maxSysexBytes 4 bytes");
        assertThat(small.decode(Vectors.Row.bytes("F7 F7"), 2).problem()).startsWith("SysEx continuation without a start");
        // a bad byte in a piece drops the whole
        in.decode(Vectors.Row.bytes("F0 01"), 2);
        assertThat(in.decode(Vectors.Row.bytes("F7 85 F7"), 3).problem()).isEqualTo("SysEx data byte 85 at 1 has bit 7 set");
        assertThat(in.decode(Vectors.Row.bytes("F7 01 F7"), 3).problem()).startsWith("SysEx continuation without a start");
    }

    // ---- helpers

    private List<Message> decode(String hex) {
        byte[] bytes = Vectors.Row.bytes(hex);
        Decoded d = in.decode(bytes, bytes.length);
        assertThat(d.problem()).as(hex).isNull();
        return d.messages();
    }

    private List<Message> decodeAll(List<String> hexes) {
        List<Message> all = new ArrayList<>();
        for (String hex : hexes) all.addAll(decode(hex));
        return all;
    }

    private void malformed(String hex, String problem) {
        byte[] bytes = Vectors.Row.bytes(hex);
        Decoded d = in.decode(bytes, bytes.length);
        assertThat(d.messages()).as(hex).isEmpty();
        assertThat(d.problem()).as(hex).isEqualTo(problem);
    }

    private List<String> out(Message m) throws ClaspToMidi.Refused {
        String address = m instanceof SetMessage s ? s.address() : ((PublishMessage) m).address();
        Value value = m instanceof SetMessage s ? s.value() : ((PublishMessage) m).value();
        return out.toMidi(address, value).stream().map(Vectors::hex).toList();
    }

    private List<String> send(String path, Value value) throws ClaspToMidi.Refused {
        return out.toMidi(B + path, value).stream().map(Vectors::hex).toList();
    }

    private static Message note(Map<String, Value> fields) {
        Map<String, Value> ordered = new LinkedHashMap<>(fields);
        return PublishMessage.event(B + "/ch/1/note", Value.of(ordered));
    }

    private void refused(String path, Value value, String reason) {
        assertThatThrownBy(() -> out.toMidi(B + path, value)).as(path).isInstanceOf(ClaspToMidi.Refused.class).hasMessage(reason);
    }
}
