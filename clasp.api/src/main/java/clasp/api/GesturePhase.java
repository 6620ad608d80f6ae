package clasp.api;

/** Gesture phases, with their wire codes. */
public enum GesturePhase {
    START, MOVE, END, CANCEL;

    private static final GesturePhase[] BY_CODE = values();

    public int code() { return ordinal(); }

    /** The phase for a wire code; unknown codes (4..7) read as START, as in both reference decoders. */
    public static GesturePhase fromCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : START;
    }
}
