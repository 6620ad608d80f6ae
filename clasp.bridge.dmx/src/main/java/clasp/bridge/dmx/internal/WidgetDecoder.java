package clasp.bridge.dmx.internal;

/**
 * Cuts the bytes an ENTTEC DMX USB Pro sends into its messages ({@code 7E label lengthLSB lengthMSB data… E7}),
 * whatever pieces they arrive in. What breaks the framing is reported, once per incident, and skipped up to the next
 * {@code 7E}: bytes outside a message, a length above {@link #MAX_DATA}, a message not closed by {@code E7}. The
 * data array handed to the sink is reused: a sink copies what it keeps. Reader thread only.
 */
final class WidgetDecoder {
    /** The longest data the widget sends: a received-DMX packet is 514 bytes, a parameters reply at most 513. */
    static final int MAX_DATA = 600;

    interface Sink {
        /** A whole message: {@code length} bytes of {@code data} (only valid during the call). */
        void message(int label, byte[] data, int length);

        /** Bytes that break the framing were skipped. */
        void malformed(String why);
    }

    private enum State { HUNT, LABEL, LENGTH_LSB, LENGTH_MSB, DATA, END }

    private final Sink sink;
    private final byte[] data = new byte[MAX_DATA];
    private State state = State.HUNT;
    private int label;
    private int length;
    private int filled;
    private int skipped;        // bytes outside a message since the last one
    private boolean resyncing;  // skipping after a reported error: those bytes belong to it

    WidgetDecoder(Sink sink) {
        this.sink = sink;
    }

    /** Forgets a message begun on a port that has since been closed. */
    void reset() {
        state = State.HUNT;
        skipped = 0;
        resyncing = false;
    }

    void feed(byte[] bytes, int offset, int count) {
        for (int i = offset; i < offset + count; i++) step(bytes[i] & 0xFF);
        reportSkipped();
    }

    private void step(int b) {
        switch (state) {
            case HUNT -> {
                if (b == Widget.START) {
                    reportSkipped();
                    resyncing = false;
                    state = State.LABEL;
                } else {
                    skipped++;
                }
            }
            case LABEL -> {
                label = b;
                state = State.LENGTH_LSB;
            }
            case LENGTH_LSB -> {
                length = b;
                state = State.LENGTH_MSB;
            }
            case LENGTH_MSB -> {
                length |= b << 8;
                filled = 0;
                if (length > MAX_DATA) {
                    error("label " + label + " announces " + length + " data bytes, more than " + MAX_DATA);
                } else {
                    state = length == 0 ? State.END : State.DATA;
                }
            }
            case DATA -> {
                data[filled++] = (byte) b;
                if (filled == length) state = State.END;
            }
            case END -> {
                if (b == Widget.END) {
                    state = State.HUNT;
                    sink.message(label, data, length);
                } else {
                    error("label " + label + " with " + length + " data bytes ends with " + hex(b) + ", not E7");
                    if (b == Widget.START) {   // perhaps the next message: the bad one lost bytes
                        resyncing = false;
                        state = State.LABEL;
                    }
                }
            }
        }
    }

    private void error(String why) {
        sink.malformed(why);
        state = State.HUNT;
        skipped = 0;
        resyncing = true;
    }

    private void reportSkipped() {
        if (skipped > 0 && !resyncing) sink.malformed(skipped + (skipped == 1 ? " byte" : " bytes") + " outside a message");
        skipped = 0;
    }

    static String hex(int b) {
        return String.format("%02X", b);
    }
}
