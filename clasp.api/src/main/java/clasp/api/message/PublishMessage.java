package clasp.api.message;

import clasp.api.GesturePhase;
import clasp.api.QoS;
import clasp.api.SignalType;
import clasp.api.Value;
import java.util.Arrays;
import java.util.Objects;

/**
 * PUBLISH (0x20): an event, stream sample, gesture step or timeline signal. It carries one value, or raw f64
 * samples, or nothing. {@code timestamp} (u64 µs), {@code id} (u32 gesture id) and {@code rate} (u32) are
 * absent when null. Signal and phase are always present, as every decoder reports them.
 */
public record PublishMessage(String address, SignalType signal, Value value, double[] samples, Long timestamp,
                             Long id, GesturePhase phase, Long rate) implements Message {
    public PublishMessage {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(signal, "signal");
        Objects.requireNonNull(phase, "phase");
        if (value != null && samples != null) throw new IllegalArgumentException("value and samples are exclusive");
        samples = samples == null ? null : samples.clone();
    }

    /** An event carrying {@code value}. */
    public static PublishMessage event(String address, Value value) {
        return new PublishMessage(address, SignalType.EVENT, value, null, null, null, GesturePhase.START, null);
    }

    @Override public double[] samples() { return samples == null ? null : samples.clone(); }

    public int sampleCount() { return samples == null ? 0 : samples.length; }
    public double sample(int index) { return samples[index]; }

    @Override public MessageType type() { return MessageType.PUBLISH; }

    /** Streams and gestures are fire-and-forget; other signals ask for confirmation. */
    @Override public QoS defaultQos() {
        return signal == SignalType.STREAM || signal == SignalType.GESTURE ? QoS.FIRE : QoS.CONFIRM;
    }

    @Override public boolean equals(Object o) {
        return o instanceof PublishMessage p && address.equals(p.address) && signal == p.signal
                && Objects.equals(value, p.value) && Arrays.equals(samples, p.samples)
                && Objects.equals(timestamp, p.timestamp) && Objects.equals(id, p.id) && phase == p.phase
                && Objects.equals(rate, p.rate);
    }

    @Override public int hashCode() {
        return Objects.hash(address, signal, value, Arrays.hashCode(samples), timestamp, id, phase, rate);
    }

    @Override public String toString() {
        return "PublishMessage[address=" + address + ", signal=" + signal + ", value=" + value + ", samples="
                + Arrays.toString(samples) + ", timestamp=" + timestamp + ", id=" + id + ", phase=" + phase
                + ", rate=" + rate + "]";
    }
}
