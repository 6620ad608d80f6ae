package clasp.security.internal.token;

/** A capability token text that cannot be decoded; the message reads {@code encoding error: <reason>}. */
public final class CapabilityFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    CapabilityFormatException(String reason) {
        super("encoding error: " + reason);
    }
}
