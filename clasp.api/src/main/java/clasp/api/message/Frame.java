package clasp.api.message;

import clasp.api.QoS;
import java.util.Objects;

/**
 * A message with its frame envelope: the QoS bits, the optional frame timestamp (µs since the Unix epoch) and the
 * optional retry id. A decoded frame keeps them, so encoding it again reproduces the bytes received.
 *
 * <p><b>Retry mark.</b> A frame whose flags carry {@link #RETRY_FLAG} together with the timestamp bit (0x20) is
 * <em>retryable</em>: its 8-byte timestamp field holds the sender's retry id instead of a time. A router that
 * supports the mark applies a SET, PUBLISH or BUNDLE sent again with the same retry id (and the same message) only
 * once and answers the repeat with the reply of the first. The JS 3.3.2 encoder never sets this bit, so none of its
 * frames is ever taken for a repeat; decoders that do not know the mark read the id as a frame timestamp, which
 * routers ignore, so the frame stays legal for them.
 */
public record Frame(Message message, QoS qos, Long timestamp, Long retryId) {
    /** Flags bit 3 (declared "compressed" by the reference codecs, which never set or implement it). */
    public static final int RETRY_FLAG = 0x08;

    public Frame {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(qos, "qos");
        if (timestamp != null && retryId != null) {
            throw new IllegalArgumentException("a retryable frame carries its retry id where the timestamp would be");
        }
    }

    /** A frame that is not retryable. */
    public Frame(Message message, QoS qos, Long timestamp) { this(message, qos, timestamp, null); }

    /** A frame with the message's default QoS and no timestamp. */
    public static Frame of(Message message) { return new Frame(message, message.defaultQos(), null); }

    public static Frame of(Message message, QoS qos) { return new Frame(message, qos, null); }

    /** A retryable frame: sending it again with the same {@code retryId} asks for the message to be applied once. */
    public static Frame retryable(Message message, QoS qos, long retryId) { return new Frame(message, qos, null, retryId); }

    public boolean isRetryable() { return retryId != null; }
}
