package clasp.client;

import clasp.api.GesturePhase;
import clasp.api.QoS;
import clasp.api.SignalType;
import clasp.api.Value;
import clasp.api.message.BundleMessage;
import clasp.api.message.Message;
import clasp.api.message.PublishMessage;
import clasp.api.message.SetMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * SETs and events applied together, all or nothing ({@link ClaspClient#bundle()}). {@link #send()} applies them on
 * receipt; {@link #sendAt(long)} at a time of the router's clock (µs since the epoch, see
 * {@link ClaspClient#serverTime()}). Sent at QoS Commit by default: the future completes with the revision of the
 * last SET when the router ACKs (a scheduled bundle is ACKed on receipt, with no revision: null).
 */
public final class BundleBuilder {
    private final ClaspClient client;
    private final List<Message> messages = new ArrayList<>();
    private QoS qos = QoS.COMMIT;

    BundleBuilder(ClaspClient client) {
        this.client = client;
    }

    public BundleBuilder set(String address, Value value) {
        messages.add(new SetMessage(address, value));
        return this;
    }

    public BundleBuilder emit(String address, Value payload) {
        messages.add(new PublishMessage(address, SignalType.EVENT, payload, null, null, null, GesturePhase.START, null));
        return this;
    }

    /** Fire: no ACK is asked for and the future completes (with null) once the bundle is queued. */
    public BundleBuilder qos(QoS qos) {
        this.qos = qos;
        return this;
    }

    public CompletableFuture<Long> send() { return client.send(new BundleMessage(null, messages), qos); }

    public CompletableFuture<Long> sendAt(long serverMicros) {
        return client.send(new BundleMessage(serverMicros, messages), qos);
    }
}
