package clasp.security.internal.token;

import java.io.IOException;

/** A token file that could not be read; the message says where the unreadable file was moved. */
public final class CorruptTokenFileException extends IOException {
    private static final long serialVersionUID = 1L;

    CorruptTokenFileException(String message) {
        super(message);
    }
}
