package clasp.bridge.midi.internal;

import java.util.HexFormat;
import java.util.List;

/**
 * The bridges.md §3.3 byte vectors (the table's seven, copied, and one for every row it lacks), with base
 * {@value #B}, raw values; the CLASP messages as {@link clasp.test.peers.router.MessageLines} prints them:
 * "SET /a INT:1", "PUBLISH EVENT /e STRING:"x"".
 */
final class Vectors {
    static final String B = "/midi/loop";

    /** MIDI bytes in, and the CLASP messages they become, in order. */
    record Row(String name, String hex, List<String> clasp) {
        byte[] bytes() { return bytes(hex); }

        static byte[] bytes(String hex) { return HexFormat.of().parseHex(hex.replace(" ", "")); }
    }

    /** The §3.3 table's vectors, as written there. */
    static final List<Row> TABLE = List.of(
            new Row("note on", "90 3C 64", List.of("PUBLISH EVENT " + B + "/ch/1/note MAP:{note=60, velocity=100, on=true}",
                    "SET " + B + "/ch/1/note/60 INT:100")),
            new Row("note off", "80 3C 00", List.of("PUBLISH EVENT " + B + "/ch/1/note MAP:{note=60, velocity=0, on=false}",
                    "SET " + B + "/ch/1/note/60 INT:0")),
            new Row("control change", "B1 4A 7F", List.of("SET " + B + "/ch/2/cc/74 INT:127")),
            new Row("bend centre", "E0 00 40", List.of("SET " + B + "/ch/1/bend INT:0")),
            new Row("bend up", "E0 7F 7F", List.of("SET " + B + "/ch/1/bend INT:8191")),
            new Row("program change", "C9 05", List.of("SET " + B + "/ch/10/program INT:5")),
            new Row("sysex", "F0 7E 7F 06 01 F7", List.of("PUBLISH EVENT " + B + "/sysex BYTES:bytes:f07e7f0601f7")));

    /** Vectors for the rows and cases the table has none for; each also goes out again as the same bytes. */
    static final List<Row> MORE = List.of(
            new Row("note off with release velocity, channel 16", "8F 40 40",
                    List.of("PUBLISH EVENT " + B + "/ch/16/note MAP:{note=64, velocity=64, on=false}",
                            "SET " + B + "/ch/16/note/64 INT:0")),
            new Row("poly aftertouch", "A2 3C 50", List.of("SET " + B + "/ch/3/poly/60 INT:80")),
            new Row("channel pressure", "D3 30", List.of("SET " + B + "/ch/4/pressure INT:48")),
            new Row("bend down", "E0 00 00", List.of("SET " + B + "/ch/1/bend INT:-8192")),
            new Row("bend -1", "EF 7F 3F", List.of("SET " + B + "/ch/16/bend INT:-1")),
            new Row("control change 0 on channel 16", "BF 00 00", List.of("SET " + B + "/ch/16/cc/0 INT:0")),
            new Row("song position", "F2 10 02", List.of("SET " + B + "/songpos INT:272")),
            new Row("start", "FA", List.of("PUBLISH EVENT " + B + "/transport STRING:\"start\"")),
            new Row("continue", "FB", List.of("PUBLISH EVENT " + B + "/transport STRING:\"continue\"")),
            new Row("stop", "FC", List.of("PUBLISH EVENT " + B + "/transport STRING:\"stop\"")),
            new Row("empty sysex", "F0 F7", List.of("PUBLISH EVENT " + B + "/sysex BYTES:bytes:f0f7")));

    /** Note On with velocity 0 is a Note Off (it goes out again as 80 3C 00). */
    static final Row NOTE_ON_ZERO = new Row("note on velocity 0", "90 3C 00",
            List.of("PUBLISH EVENT " + B + "/ch/1/note MAP:{note=60, velocity=0, on=false}", "SET " + B + "/ch/1/note/60 INT:0"));

    /** Clock with clock=all. */
    static final Row CLOCK = new Row("clock", "F8", List.of("PUBLISH STREAM " + B + "/clock -"));

    /** MTC 01:02:03:04 at 25 fps as eight quarter frames, forwards; only the last one writes. */
    static final List<String> MTC_01_02_03_04 = List.of("F1 04", "F1 10", "F1 23", "F1 30", "F1 42", "F1 50", "F1 61", "F1 72");

    static String hex(byte[] bytes) {
        return MidiToClasp.hex(bytes, bytes.length);
    }

    private Vectors() { }
}
