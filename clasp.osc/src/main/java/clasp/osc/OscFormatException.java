package clasp.osc;

/** Bytes that are not a well-formed OSC packet within the limits; the message says what and where. */
public final class OscFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    public OscFormatException(String message) {
        super(message);
    }
}
