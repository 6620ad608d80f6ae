package clasp.osc;

/** The SLIP bytes of RFC 1055, the framing of OSC 1.1 over TCP and of CLASP over a serial line. */
public final class Slip {
    public static final byte END = (byte) 0xC0;
    public static final byte ESC = (byte) 0xDB;
    public static final byte ESC_END = (byte) 0xDC;
    public static final byte ESC_ESC = (byte) 0xDD;

    private Slip() {
    }
}
