package clasp.bridge.artnet.internal;

/** Bytes that are not the Art-Net packet they claim to be; the message says why (it goes into the status line). */
final class ArtNetFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    ArtNetFormatException(String message) {
        super(message, null, false, false);
    }
}
