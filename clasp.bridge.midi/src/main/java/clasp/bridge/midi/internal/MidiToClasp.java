package clasp.bridge.midi.internal;

import clasp.api.GesturePhase;
import clasp.api.SignalType;
import clasp.api.Value;
import clasp.api.message.Message;
import clasp.api.message.PublishMessage;
import clasp.api.message.SetMessage;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Inbound half of the bridges.md §3.3 mapping: one complete MIDI message (as Java Sound delivers it) becomes the CLASP
 * messages it stands for, under the base address {@code B = {namespace}/{device}}, channels 1–16:
 * <pre>
 * 9n kk vv (vv &gt; 0)     PUBLISH Event B/ch/c/note {note, velocity, on:true}, SET B/ch/c/note/kk velocity
 * 8n kk vv, 9n kk 00    PUBLISH Event B/ch/c/note {note, velocity (release), on:false}, SET B/ch/c/note/kk 0
 * An kk vv              SET B/ch/c/poly/kk
 * Bn cc vv              SET B/ch/c/cc/cc (with cc14, pairs 0–31 / 32–63 become one 14-bit value, see below)
 * Cn pp                 SET B/ch/c/program (raw Int)
 * Dn vv                 SET B/ch/c/pressure
 * En ll mm              SET B/ch/c/bend  mm·128 + ll − 8192
 * F0 … F7               PUBLISH Event B/sysex Bytes (with F0 and F7; a SysEx Java Sound splits, F0 … then F7 … F7, is joined)
 * F8                    clock all: PUBLISH Stream B/clock; beats: PUBLISH Event B/beat (beat number) every 24th; off: nothing
 * FA / FB / FC          PUBLISH Event B/transport "start" / "continue" / "stop"
 * F2 ll mm              SET B/songpos mm·128 + ll (MIDI beats, raw Int)
 * F1 qd                 SET B/mtc "hh:mm:ss:ff" when eight quarter frames in a row, forwards or backwards, complete a time
 * F3, F6, FE, FF, F4, F5, F9, FD   nothing (song select, tune request, active sensing, reset, undefined)
 * </pre>
 * Levels (velocities, pressures, controller values) go through {@link MidiValues}; bend too.
 *
 * <p><b>14-bit controllers</b> ({@code cc14}): controller n (0–31) is the MSB and n+32 the LSB of one value written to
 * {@code B/ch/c/cc/n}. An MSB is written at once as msb·128 (MIDI 1.0: a new MSB clears the LSB); an LSB writes
 * msb·128 + lsb with the last MSB of that channel and controller (0 before any). A sender that sends MSB then LSB so
 * produces two SETs, the second exact; one that sends only the LSB for a fine change produces one. Controllers 64–127
 * stay 7-bit.
 *
 * <p><b>Clock to beats</b>: the clock counter is set to 0 by Start and to 6 × the song position by Song Position,
 * and advances with each clock while the transport runs (before any Start, Continue or Stop it is taken as running);
 * the clock on which it is a multiple of 24 publishes beat counter/24, so the first clock after Start is beat 0.
 *
 * <p><b>Bounds</b>: every message is checked against its status byte's length and every data byte for bit 7 clear;
 * a SysEx longer than {@code maxSysexBytes} and an MTC time out of range are malformed. Malformed input becomes no
 * message and a reason.
 *
 * <p>Not thread-safe (running status of 14-bit pairs, MTC pieces, the clock counter, a split SysEx): the bridge
 * calls it under a lock, from whichever Java Sound thread delivers.
 */
final class MidiToClasp {
    /** What clock messages (F8) become. */
    enum Clock { OFF, BEATS, ALL }

    /** What one MIDI message became: messages to write, and a problem when it was (partly) malformed. */
    record Decoded(List<Message> messages, String problem) {
        static Decoded of(Message... messages) { return new Decoded(List.of(messages), null); }

        static Decoded malformed(String problem) { return new Decoded(List.of(), problem); }
    }

    private static final int CLOCKS_PER_BEAT = 24;
    private static final int CLOCKS_PER_MIDI_BEAT = 6;
    private static final int[] MTC_FPS = {24, 25, 30, 30};

    private final String base;
    private final MidiValues values;
    private final boolean cc14;
    private final Clock clock;
    private final int maxSysexBytes;

    private final int[][] lastMsb = new int[16][32];
    private byte[] sysex;          // a SysEx Java Sound delivered in pieces, up to its last piece
    private final int[] mtcPieces = new int[8];
    private int mtcSeen;           // bit i: piece i arrived in the current run
    private int mtcLast = -1;
    private int mtcDirection;      // 1 forwards, -1 backwards, 0 not known yet
    private long clocks;
    private boolean running = true;

    MidiToClasp(String base, MidiValues values, boolean cc14, Clock clock, int maxSysexBytes) {
        this.base = base;
        this.values = values;
        this.cc14 = cc14;
        this.clock = clock;
        this.maxSysexBytes = maxSysexBytes;
    }

    /** The CLASP messages for the MIDI message in the first {@code length} bytes of {@code bytes}. */
    Decoded decode(byte[] bytes, int length) {
        if (length < 1) return Decoded.malformed("empty MIDI message");
        if (length > bytes.length) return Decoded.malformed("MIDI message of " + length + " bytes in " + bytes.length);
        int status = bytes[0] & 0xFF;
        if (status < 0x80) return Decoded.malformed("no status byte: " + hex(bytes, length));
        if (status == 0xF0) return sysexStart(bytes, length);
        if (status == 0xF7) return sysexContinued(bytes, length);
        int expected = expectedLength(status);
        if (expected < 0) return Decoded.of();   // undefined system messages: ignored
        if (length != expected) {
            return Decoded.malformed(name(status) + " needs " + expected + " bytes, got " + length + ": " + hex(bytes, length));
        }
        for (int i = 1; i < length; i++) {
            if ((bytes[i] & 0x80) != 0) return Decoded.malformed("data byte with bit 7 set: " + hex(bytes, length));
        }
        int d1 = length > 1 ? bytes[1] : 0;
        int d2 = length > 2 ? bytes[2] : 0;
        return status < 0xF0 ? channel(status & 0xF0, (status & 0x0F) + 1, d1, d2) : system(status, d1, d2);
    }

    private Decoded channel(int type, int channel, int d1, int d2) {
        String ch = base + "/ch/" + channel;
        switch (type) {
            case 0x80, 0x90 -> {
                boolean on = type == 0x90 && d2 > 0;
                Map<String, Value> note = new LinkedHashMap<>();
                note.put("note", Value.of((long) d1));
                note.put("velocity", values.level(d2));
                note.put("on", Value.of(on));
                return Decoded.of(PublishMessage.event(ch + "/note", Value.of(note)),
                        new SetMessage(ch + "/note/" + d1, values.level(on ? d2 : 0)));
            }
            case 0xA0 -> {
                return Decoded.of(new SetMessage(ch + "/poly/" + d1, values.level(d2)));
            }
            case 0xB0 -> {
                return controller(channel, ch, d1, d2);
            }
            case 0xC0 -> {
                return Decoded.of(new SetMessage(ch + "/program", Value.of((long) d1)));
            }
            case 0xD0 -> {
                return Decoded.of(new SetMessage(ch + "/pressure", values.level(d1)));
            }
            default -> {   // 0xE0
                return Decoded.of(new SetMessage(ch + "/bend", values.bend(d2 * 128 + d1 - 8192)));
            }
        }
    }

    private Decoded controller(int channel, String ch, int number, int value) {
        if (!cc14 || number >= 64) return Decoded.of(new SetMessage(ch + "/cc/" + number, values.level(value)));
        int[] msb = lastMsb[channel - 1];
        if (number < 32) {
            msb[number] = value;
            return Decoded.of(new SetMessage(ch + "/cc/" + number, values.fine(value * 128)));
        }
        int pair = number - 32;
        return Decoded.of(new SetMessage(ch + "/cc/" + pair, values.fine(msb[pair] * 128 + value)));
    }

    private Decoded system(int status, int d1, int d2) {
        switch (status) {
            case 0xF1 -> {
                return quarterFrame(d1 >> 4, d1 & 0x0F);
            }
            case 0xF2 -> {
                int position = d2 * 128 + d1;
                clocks = (long) position * CLOCKS_PER_MIDI_BEAT;
                return Decoded.of(new SetMessage(base + "/songpos", Value.of((long) position)));
            }
            case 0xF8 -> {
                return clockTick();
            }
            case 0xFA -> {
                clocks = 0;
                running = true;
                return transport("start");
            }
            case 0xFB -> {
                running = true;
                return transport("continue");
            }
            case 0xFC -> {
                running = false;
                return transport("stop");
            }
            default -> {
                return Decoded.of();   // F3 song select, F6 tune request, FE active sensing, FF reset
            }
        }
    }

    private Decoded transport(String what) {
        return Decoded.of(PublishMessage.event(base + "/transport", Value.of(what)));
    }

    private Decoded clockTick() {
        Decoded out = Decoded.of();
        if (clock == Clock.ALL) {
            out = Decoded.of(new PublishMessage(base + "/clock", SignalType.STREAM, null, null, null, null,
                    GesturePhase.START, null));
        } else if (clock == Clock.BEATS && running && clocks % CLOCKS_PER_BEAT == 0) {
            out = Decoded.of(PublishMessage.event(base + "/beat", Value.of(clocks / CLOCKS_PER_BEAT)));
        }
        if (running) clocks++;
        return out;
    }

    // ---- MIDI time code

    private Decoded quarterFrame(int piece, int nibble) {
        boolean forwards = mtcLast >= 0 && piece == mtcLast + 1 && mtcDirection != -1;
        boolean backwards = mtcLast >= 0 && piece == mtcLast - 1 && mtcDirection != 1;
        if (forwards) mtcDirection = 1;
        else if (backwards) mtcDirection = -1;
        else {   // a new run starts here
            mtcSeen = 0;
            mtcDirection = 0;
        }
        mtcLast = piece;
        mtcPieces[piece] = nibble;
        mtcSeen |= 1 << piece;
        boolean last = mtcDirection == 1 ? piece == 7 : mtcDirection == -1 && piece == 0;
        if (mtcSeen != 0xFF || !last) return Decoded.of();
        mtcSeen = 0;
        mtcLast = -1;
        mtcDirection = 0;
        int frames = mtcPieces[0] | (mtcPieces[1] & 0x1) << 4;
        int seconds = mtcPieces[2] | (mtcPieces[3] & 0x3) << 4;
        int minutes = mtcPieces[4] | (mtcPieces[5] & 0x3) << 4;
        int hours = mtcPieces[6] | (mtcPieces[7] & 0x1) << 4;
        int fps = MTC_FPS[(mtcPieces[7] >> 1) & 0x3];
        String time = String.format("%02d:%02d:%02d:%02d", hours, minutes, seconds, frames);
        if (hours > 23 || minutes > 59 || seconds > 59 || frames >= fps) {
            return Decoded.malformed("MTC time out of range: " + time + " at " + fps + " fps");
        }
        return Decoded.of(new SetMessage(base + "/mtc", Value.of(time)));
    }

    // ---- SysEx

    private Decoded sysexStart(byte[] bytes, int length) {
        String abandoned = sysex == null ? null : "SysEx of " + sysex.length + " bytes cut short by a new one";
        sysex = null;
        if (length > maxSysexBytes) return Decoded.malformed("SysEx of " + length + " bytes, more than maxSysexBytes " + maxSysexBytes);
        boolean complete = length >= 2 && (bytes[length - 1] & 0xFF) == 0xF7;
        String bad = dataProblem(bytes, 1, complete ? length - 1 : length);
        if (bad != null) return Decoded.malformed(bad);
        if (!complete) {
            sysex = Arrays.copyOf(bytes, length);
            return new Decoded(List.of(), abandoned);
        }
        return new Decoded(List.of(sysexEvent(Arrays.copyOf(bytes, length))), abandoned);
    }

    private Decoded sysexContinued(byte[] bytes, int length) {
        if (sysex == null) return Decoded.malformed("SysEx continuation without a start: " + hex(bytes, length));
        int total = sysex.length + length - 1;
        if (total > maxSysexBytes) {
            sysex = null;
            return Decoded.malformed("SysEx of more than maxSysexBytes " + maxSysexBytes + " bytes");
        }
        boolean complete = length >= 2 && (bytes[length - 1] & 0xFF) == 0xF7;
        String bad = dataProblem(bytes, 1, complete ? length - 1 : length);
        if (bad != null) {
            sysex = null;
            return Decoded.malformed(bad);
        }
        byte[] joined = Arrays.copyOf(sysex, total);
        System.arraycopy(bytes, 1, joined, sysex.length, length - 1);
        if (!complete) {
            sysex = joined;
            return Decoded.of();
        }
        sysex = null;
        return Decoded.of(sysexEvent(joined));
    }

    private Message sysexEvent(byte[] whole) {
        return PublishMessage.event(base + "/sysex", Value.of(whole));
    }

    private static String dataProblem(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if ((bytes[i] & 0x80) != 0) {
                return "SysEx data byte " + String.format("%02X", bytes[i] & 0xFF) + " at " + i + " has bit 7 set";
            }
        }
        return null;
    }

    // ---- message shapes

    /** The length of a message with this status byte (not SysEx), or -1 for the undefined system messages. */
    static int expectedLength(int status) {
        if (status < 0xF0) {
            int type = status & 0xF0;
            return type == 0xC0 || type == 0xD0 ? 2 : 3;
        }
        return switch (status) {
            case 0xF1, 0xF3 -> 2;
            case 0xF2 -> 3;
            case 0xF6, 0xF8, 0xFA, 0xFB, 0xFC, 0xFE, 0xFF -> 1;
            default -> -1;   // F4, F5, F9, FD
        };
    }

    private static String name(int status) {
        return switch (status < 0xF0 ? status & 0xF0 : status) {
            case 0x80 -> "Note Off";
            case 0x90 -> "Note On";
            case 0xA0 -> "Poly Aftertouch";
            case 0xB0 -> "Control Change";
            case 0xC0 -> "Program Change";
            case 0xD0 -> "Channel Pressure";
            case 0xE0 -> "Pitch Bend";
            case 0xF1 -> "MTC Quarter Frame";
            case 0xF2 -> "Song Position";
            case 0xF3 -> "Song Select";
            default -> String.format("System message %02X", status);
        };
    }

    /** "90 3C 64"; past 16 bytes "…". */
    static String hex(byte[] bytes, int length) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < Math.min(length, 16); i++) {
            if (i > 0) s.append(' ');
            s.append(String.format("%02X", bytes[i] & 0xFF));
        }
        return length > 16 ? s.append(" …").toString() : s.toString();
    }
}
