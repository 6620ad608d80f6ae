package clasp.api;

/** Capabilities announced in HELLO and WELCOME, with their bits in the feature byte. */
public enum Feature {
    PARAM(0x80), EVENT(0x40), STREAM(0x20), GESTURE(0x10), TIMELINE(0x08),
    /** Router-to-router federation; sent in HELLO by federating routers only. */
    FEDERATION(0x04);

    private final int bit;

    Feature(int bit) { this.bit = bit; }

    public int bit() { return bit; }
}
