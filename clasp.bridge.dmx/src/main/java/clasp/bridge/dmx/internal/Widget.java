package clasp.bridge.dmx.internal;

/**
 * The ENTTEC DMX USB Pro's host messages (bridges.md §6.2): {@code 7E label lengthLSB lengthMSB data… E7}. Builds
 * the ones the bridge sends; {@link WidgetDecoder} reads the ones the widget sends. Stateless.
 */
final class Widget {
    static final int START = 0x7E;
    static final int END = 0xE7;
    /** Get widget parameters (request: user configuration size; reply: firmware, break, MAB, rate, configuration). */
    static final int GET_PARAMETERS = 3;
    /** Set widget parameters: user configuration size, break, MAB, output rate, configuration. */
    static final int SET_PARAMETERS = 4;
    /** Received DMX packet: status, start code, slots. */
    static final int RECEIVED_DMX = 5;
    /** Send DMX packet: start code, 24-512 slots. */
    static final int SEND_DMX = 6;
    /** Receive DMX on change: 0 sends every packet received (label 5), 1 only changes (label 9). */
    static final int RECEIVE_MODE = 8;
    /** Received DMX change of state: start block, 40-bit changed map, the changed bytes. */
    static final int CHANGE_OF_STATE = 9;
    /** Fewest slots a send-DMX message may carry. */
    static final int MIN_SLOTS = 24;
    /** The widget's break and MAB step, in hundredths of a microsecond (10.67 µs). */
    static final int STEP_CENTI_MICROS = 1067;

    private Widget() {
    }

    /** One message: START, the label, the data length (little-endian), the data, END. */
    static byte[] message(int label, byte... data) {
        byte[] m = new byte[data.length + 5];
        m[0] = (byte) START;
        m[1] = (byte) label;
        m[2] = (byte) data.length;
        m[3] = (byte) (data.length >> 8);
        System.arraycopy(data, 0, m, 4, data.length);
        m[m.length - 1] = (byte) END;
        return m;
    }

    /** The size of a send-DMX message for {@code slots} slots (padded to {@link #MIN_SLOTS}). */
    static int sendDmxSize(int slots) {
        return 5 + 1 + Math.max(MIN_SLOTS, slots);
    }

    /**
     * Writes the send-DMX message for slots 1..{@code count} of {@code slots} into {@code into} (at least
     * {@link #sendDmxSize} bytes): start code 0, the slots, zeros up to {@link #MIN_SLOTS}; returns its size.
     */
    static int sendDmx(byte[] slots, int count, byte[] into) {
        int dataLength = 1 + Math.max(MIN_SLOTS, count);
        into[0] = (byte) START;
        into[1] = (byte) SEND_DMX;
        into[2] = (byte) dataLength;
        into[3] = (byte) (dataLength >> 8);
        into[4] = 0;   // start code: dimmer data
        System.arraycopy(slots, 0, into, 5, count);
        for (int i = 5 + count; i < 4 + dataLength; i++) into[i] = 0;
        into[4 + dataLength] = (byte) END;
        return dataLength + 5;
    }

    /** Asks for the widget's parameters, without its user configuration. */
    static byte[] getParameters() {
        return message(GET_PARAMETERS, (byte) 0, (byte) 0);
    }

    /** Sets the widget's output timing: break and MAB in 10.67 µs steps, output rate in frames per second. */
    static byte[] setParameters(int breakSteps, int mabSteps, int rate) {
        return message(SET_PARAMETERS, (byte) 0, (byte) 0, (byte) breakSteps, (byte) mabSteps, (byte) rate);
    }

    /** Has the widget report every DMX packet it receives (label 5), or only changes (label 9). */
    static byte[] receiveMode(boolean changesOnly) {
        return message(RECEIVE_MODE, (byte) (changesOnly ? 1 : 0));
    }

    /** The widget's break steps for at least {@code micros} µs: 9-127. */
    static int breakSteps(int micros) {
        return Math.max(9, Math.min(127, steps(micros)));
    }

    /** The widget's MAB steps for at least {@code micros} µs: 1-127. */
    static int mabSteps(int micros) {
        return Math.max(1, Math.min(127, steps(micros)));
    }

    /** The widget's output rate for {@code hz}: 1-40 frames per second. */
    static int rate(int hz) {
        return Math.max(1, Math.min(40, hz));
    }

    /** Microseconds of {@code steps} widget steps, rounded. */
    static int micros(int steps) {
        return (steps * STEP_CENTI_MICROS + 50) / 100;
    }

    private static int steps(int micros) {
        return (int) (((long) micros * 100 + STEP_CENTI_MICROS - 1) / STEP_CENTI_MICROS);
    }
}
