package clasp.api;

/** Delivery quality asked for by a frame (bits 7..6 of the frame flags). */
public enum QoS {
    /** Best effort. */
    FIRE,
    /** At least once. */
    CONFIRM,
    /** Exactly once, ordered. */
    COMMIT;

    private static final QoS[] BY_CODE = values();

    public int code() { return ordinal(); }

    /** The QoS for the two flag bits; the reserved value 3 reads as FIRE. */
    public static QoS fromCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : FIRE;
    }
}
