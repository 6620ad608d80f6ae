package clasp.bridge.midi.internal;

import clasp.api.BoolValue;
import clasp.api.BytesValue;
import clasp.api.MapValue;
import clasp.api.StringValue;
import clasp.api.Value;
import java.util.List;

/**
 * Outbound half of the bridges.md §3.3 mapping: a CLASP write to an address under {@code B = {namespace}/{device}}
 * becomes the MIDI messages it stands for. It takes exactly the address shapes {@link MidiToClasp} writes, so what
 * came in goes out again:
 * <pre>
 * B/ch/c/note        Map {note, velocity?, on?}   on (default: velocity &gt; 0): 9n kk vv, else 8n kk vv; velocity default 64
 * B/ch/c/note/kk     velocity                      &gt; 0: 9n kk vv, 0: 8n kk 00
 * B/ch/c/poly/kk     level                         An kk vv
 * B/ch/c/cc/n        level                         Bn n vv; with cc14 and n 0–31 a 14-bit value: Bn n msb, Bn n+32 lsb
 * B/ch/c/program     number                        Cn pp
 * B/ch/c/pressure    level                         Dn vv
 * B/ch/c/bend        −8192…8191                    En ll mm
 * B/sysex            Bytes F0 … F7                 the bytes as they are
 * B/clock            anything or nothing           F8
 * B/transport        "start" / "continue" / "stop" FA / FB / FC
 * B/songpos          0–16383                       F2 ll mm
 * </pre>
 * Channels are 1–16 and note and controller numbers 0–127 in canonical decimal; numbers out of range are clamped
 * ({@link MidiValues}). {@code B/mtc} and {@code B/beat} are inbound only. An address or value that cannot be sent is
 * {@link Refused} with the reason. Immutable.
 */
final class ClaspToMidi {
    /** Why a write cannot go out as MIDI. */
    static final class Refused extends Exception {
        Refused(String reason) {
            super(reason, null, false, false);
        }
    }

    private static final int DEFAULT_VELOCITY = 64;   // MIDI 1.0: what a keyboard without velocity sends

    private final String base;
    private final MidiValues values;
    private final boolean cc14;
    private final int maxSysexBytes;

    ClaspToMidi(String base, MidiValues values, boolean cc14, int maxSysexBytes) {
        this.base = base;
        this.values = values;
        this.cc14 = cc14;
        this.maxSysexBytes = maxSysexBytes;
    }

    /**
     * The MIDI messages, in sending order, for a write of {@code value} (null: a PUBLISH without value) to
     * {@code address}.
     */
    List<byte[]> toMidi(String address, Value value) throws Refused {
        if (!address.startsWith(base + "/")) throw new Refused(address + " is not under " + base);
        String[] path = address.substring(base.length() + 1).split("/", -1);
        if (path.length == 1) {
            switch (path[0]) {
                case "sysex" -> { return List.of(sysex(address, value)); }
                case "clock" -> { return List.of(new byte[] {(byte) 0xF8}); }
                case "transport" -> { return List.of(new byte[] {transport(address, value)}); }
                case "songpos" -> {
                    int position = number(address, value, MidiValues.toInt(nonNull(address, value), 0, MidiValues.FINE_MAX));
                    return List.of(bytes(0xF2, position & 0x7F, position >> 7));
                }
                case "mtc", "beat" -> throw new Refused(address + " is inbound only");
                default -> throw new Refused(address + " is not a MIDI address");
            }
        }
        if (path.length < 3 || !path[0].equals("ch")) throw new Refused(address + " is not a MIDI address");
        int channel = index(path[1], 1, 16) - 1;
        if (channel < 0) throw new Refused(address + ": channel must be 1-16");
        Value v = nonNull(address, value);
        if (path.length == 3) {
            switch (path[2]) {
                case "note" -> { return List.of(note(address, channel, v)); }
                case "program" -> { return List.of(bytes(0xC0 | channel, number(address, v, MidiValues.toInt(v, 0, 127)))); }
                case "pressure" -> { return List.of(bytes(0xD0 | channel, number(address, v, values.toLevel(v)))); }
                case "bend" -> {
                    int bend = number(address, v, values.toBend(v)) - MidiValues.BEND_MIN;
                    return List.of(bytes(0xE0 | channel, bend & 0x7F, bend >> 7));
                }
                default -> throw new Refused(address + " is not a MIDI address");
            }
        }
        int n = path.length == 4 ? index(path[3], 0, 127) : -1;
        if (n < 0) throw new Refused(address + " is not a MIDI address (note and controller numbers are 0-127)");
        switch (path[2]) {
            case "note" -> {
                int velocity = number(address, v, values.toLevel(v));
                return List.of(velocity > 0 ? bytes(0x90 | channel, n, velocity) : bytes(0x80 | channel, n, 0));
            }
            case "poly" -> { return List.of(bytes(0xA0 | channel, n, number(address, v, values.toLevel(v)))); }
            case "cc" -> {
                if (cc14 && n < 32) {
                    int fine = number(address, v, values.toFine(v));
                    return List.of(bytes(0xB0 | channel, n, fine >> 7), bytes(0xB0 | channel, n + 32, fine & 0x7F));
                }
                return List.of(bytes(0xB0 | channel, n, number(address, v, values.toLevel(v))));
            }
            default -> throw new Refused(address + " is not a MIDI address");
        }
    }

    private byte[] note(String address, int channel, Value value) throws Refused {
        if (!(value instanceof MapValue map)) throw new Refused(address + " takes a Map {note, velocity, on}, not " + value.kind());
        Value noteValue = map.get("note");
        if (noteValue == null) throw new Refused(address + ": the Map has no note");
        int note = number(address + " note", noteValue, MidiValues.toInt(noteValue, 0, 127));
        Value velocityValue = map.get("velocity");
        int velocity = velocityValue == null ? DEFAULT_VELOCITY
                : number(address + " velocity", velocityValue, values.toLevel(velocityValue));
        Value onValue = map.get("on");
        if (onValue != null && !(onValue instanceof BoolValue)) throw new Refused(address + ": on must be true or false");
        boolean on = onValue == null ? velocity > 0 : ((BoolValue) onValue).value();
        return bytes((on ? 0x90 : 0x80) | channel, note, velocity);
    }

    private byte[] sysex(String address, Value value) throws Refused {
        if (!(value instanceof BytesValue bytes)) {
            throw new Refused(address + " takes Bytes F0 … F7, not " + (value == null ? "nothing" : value.kind()));
        }
        byte[] b = bytes.toByteArray();
        if (b.length < 2 || (b[0] & 0xFF) != 0xF0 || (b[b.length - 1] & 0xFF) != 0xF7) {
            throw new Refused(address + ": SysEx must start with F0 and end with F7");
        }
        if (b.length > maxSysexBytes) throw new Refused(address + ": SysEx of " + b.length + " bytes, more than maxSysexBytes " + maxSysexBytes);
        for (int i = 1; i < b.length - 1; i++) {
            if ((b[i] & 0x80) != 0) throw new Refused(address + ": SysEx data byte at " + i + " has bit 7 set");
        }
        return b;
    }

    private static byte transport(String address, Value value) throws Refused {
        String what = value instanceof StringValue s ? s.value() : null;
        if ("start".equals(what)) return (byte) 0xFA;
        if ("continue".equals(what)) return (byte) 0xFB;
        if ("stop".equals(what)) return (byte) 0xFC;
        throw new Refused(address + " takes \"start\", \"continue\" or \"stop\", not " + value);
    }

    private static Value nonNull(String address, Value value) throws Refused {
        if (value == null) throw new Refused(address + ": no value");
        return value;
    }

    private static int number(String what, Value value, int mapped) throws Refused {
        if (mapped == MidiValues.NOT_NUMERIC) throw new Refused(what + ": not numeric: " + value.kind());
        return mapped;
    }

    /** A canonical decimal number in [min, max] (no sign, no leading zero), or -1. */
    private static int index(String text, int min, int max) {
        if (text.isEmpty() || text.length() > 3 || (text.length() > 1 && text.charAt(0) == '0')) return -1;
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') return -1;
            n = n * 10 + (c - '0');
        }
        return n < min || n > max ? -1 : n;
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) b[i] = (byte) values[i];
        return b;
    }
}
