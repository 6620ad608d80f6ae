package clasp.api;

/** The five CLASP signal types, with their wire codes and subscription mask bits. */
public enum SignalType {
    PARAM(0, 0x01), EVENT(1, 0x02), STREAM(2, 0x04), GESTURE(3, 0x08), TIMELINE(4, 0x10);

    private static final SignalType[] BY_CODE = values();

    private final int code;
    private final int maskBit;

    SignalType(int code, int maskBit) { this.code = code; this.maskBit = maskBit; }

    public int code() { return code; }
    public int maskBit() { return maskBit; }

    /** The type for a wire code; unknown codes (5..7) read as EVENT, as in both reference decoders. */
    public static SignalType fromCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : EVENT;
    }
}
