package clasp.osc;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/** One typed OSC argument; {@link #tag()} is its type tag. Immutable. */
public sealed interface OscArgument {
    Bool TRUE = new Bool(true);
    Bool FALSE = new Bool(false);
    Nil NIL = new Nil();
    Impulse IMPULSE = new Impulse();

    /** The type tag: {@code i f s b T F N I h d t c r m S}, or {@code [} for an array. */
    char tag();

    /** {@code i}: 32-bit signed integer. */
    record Int32(int value) implements OscArgument {
        @Override public char tag() { return 'i'; }
    }

    /** {@code h}: 64-bit signed integer. */
    record Int64(long value) implements OscArgument {
        @Override public char tag() { return 'h'; }
    }

    /** {@code f}: 32-bit IEEE 754 float. */
    record Float32(float value) implements OscArgument {
        @Override public char tag() { return 'f'; }
    }

    /** {@code d}: 64-bit IEEE 754 double. */
    record Float64(double value) implements OscArgument {
        @Override public char tag() { return 'd'; }
    }

    /** {@code s}: a string (UTF-8 on the wire, no NUL inside). */
    record Text(String value) implements OscArgument {
        public Text {
            checkNoNul(value, "string");
        }

        @Override public char tag() { return 's'; }
    }

    /** {@code S}: a symbol, encoded like a string. */
    record Symbol(String value) implements OscArgument {
        public Symbol {
            checkNoNul(value, "symbol");
        }

        @Override public char tag() { return 'S'; }
    }

    /** {@code b}: a blob of bytes. */
    record Blob(byte[] bytes) implements OscArgument {
        public Blob {
            bytes = bytes.clone();
        }

        @Override public byte[] bytes() { return bytes.clone(); }

        public int length() { return bytes.length; }

        @Override public char tag() { return 'b'; }

        @Override public boolean equals(Object o) { return o instanceof Blob b && Arrays.equals(b.bytes, bytes); }

        @Override public int hashCode() { return Arrays.hashCode(bytes); }

        @Override public String toString() { return "Blob[" + HexFormat.of().formatHex(bytes) + "]"; }
    }

    /** {@code T} or {@code F}: a boolean carried by the tag alone. */
    record Bool(boolean value) implements OscArgument {
        @Override public char tag() { return value ? 'T' : 'F'; }
    }

    /** {@code N}: nil, no data. */
    record Nil() implements OscArgument {
        @Override public char tag() { return 'N'; }
    }

    /** {@code I}: infinitum (OSC 1.0) or impulse (OSC 1.1), no data. */
    record Impulse() implements OscArgument {
        @Override public char tag() { return 'I'; }
    }

    /** {@code t}: a timetag. */
    record Timetag(OscTimetag value) implements OscArgument {
        public Timetag {
            if (value == null) throw new IllegalArgumentException("a timetag argument has a timetag");
        }

        @Override public char tag() { return 't'; }
    }

    /** {@code c}: one character, sent as a 32-bit Unicode code point (ASCII in OSC 1.0). */
    record Char(int codePoint) implements OscArgument {
        public Char {
            if (!Character.isValidCodePoint(codePoint)) {
                throw new IllegalArgumentException("not a Unicode code point: " + codePoint);
            }
        }

        @Override public char tag() { return 'c'; }
    }

    /** {@code r}: a 32-bit RGBA colour, one byte (0-255) per channel. */
    record Rgba(int red, int green, int blue, int alpha) implements OscArgument {
        public Rgba {
            checkByte(red, "red");
            checkByte(green, "green");
            checkByte(blue, "blue");
            checkByte(alpha, "alpha");
        }

        @Override public char tag() { return 'r'; }
    }

    /** {@code m}: a 4-byte MIDI message: port id, status byte, two data bytes (each 0-255). */
    record Midi(int port, int status, int data1, int data2) implements OscArgument {
        public Midi {
            checkByte(port, "port");
            checkByte(status, "status");
            checkByte(data1, "data1");
            checkByte(data2, "data2");
        }

        @Override public char tag() { return 'm'; }
    }

    /** {@code [ ... ]}: an array of arguments, possibly nested. */
    record Array(List<OscArgument> items) implements OscArgument {
        public Array {
            items = List.copyOf(items);
        }

        public Array(OscArgument... items) {
            this(List.of(items));
        }

        @Override public char tag() { return '['; }
    }

    private static void checkNoNul(String value, String what) {
        if (value == null) throw new IllegalArgumentException("a " + what + " argument has a value");
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("an OSC " + what + " cannot hold a NUL character");
        }
    }

    private static void checkByte(int value, String what) {
        if (value < 0 || value > 255) throw new IllegalArgumentException(what + " must be 0-255: " + value);
    }
}
