package clasp.bench.load;

import java.util.concurrent.CompletableFuture;

/** One client connection to the broker under test: a CLASP WebSocket session or an MQTT connection. */
public interface PubSubClient {
    /** Completes once the protocol handshake is done (CLASP WELCOME, MQTT CONNACK). */
    CompletableFuture<Void> connect();

    /** Completes once the broker has the subscription (CLASP: PONG to a PING behind the SUBSCRIBE; MQTT: SUBACK). */
    CompletableFuture<Void> subscribe(String topic);

    /** Sends a fire-and-forget message (CLASP PUBLISH QoS fire, MQTT PUBLISH QoS 0); callable from any thread. */
    void publish(String topic, byte[] payload);

    boolean isOpen();

    /** Error replies the broker sent (CLASP ERROR frames); 0 for MQTT. */
    long errors();

    CompletableFuture<Void> close();
}
