package clasp.api.message;

import clasp.api.QoS;
import java.util.Objects;

/**
 * A message with its frame envelope: the QoS bits and the optional frame timestamp (µs since the Unix epoch).
 * A decoded frame keeps both, so encoding it again reproduces the bytes received.
 */
public record Frame(Message message, QoS qos, Long timestamp) {
    public Frame {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(qos, "qos");
    }

    /** A frame with the message's default QoS and no timestamp. */
    public static Frame of(Message message) { return new Frame(message, message.defaultQos(), null); }

    public static Frame of(Message message, QoS qos) { return new Frame(message, qos, null); }
}
