package clasp.transport.serial.internal;

/** The SLIP bytes of RFC 1055. */
final class Slip {
    static final byte END = (byte) 0xC0;
    static final byte ESC = (byte) 0xDB;
    static final byte ESC_END = (byte) 0xDC;
    static final byte ESC_ESC = (byte) 0xDD;

    private Slip() {
    }
}
