package clasp.bridge.mqtt.internal;

import java.util.List;

/**
 * One MQTT connection to a broker, whatever the protocol version: what the bridge needs of Paho's MQTT 5 and
 * 3.1.1 clients, so that the mapping is written once. Every method returns without waiting for the broker; the
 * outcome comes to the {@link Events} on a Paho thread.
 */
interface BrokerClient extends AutoCloseable {

    /** What the connection reports, on Paho's threads. */
    interface Events {
        /** The broker accepted the connection; {@code sessionPresent} as its CONNACK says. */
        void connected(boolean sessionPresent);

        /** A connection attempt failed; {@code refused} when the broker answered with a refusal (e.g. bad credentials). */
        void connectFailed(String why, boolean refused);

        /** An established connection ended. */
        void lost(String why);

        /**
         * A message arrived. Paho acknowledges a QoS 1 or 2 message only after this returns, so whatever this does
         * (the write into CLASP) happens before the broker hears that the message was received.
         */
        void arrived(String topic, byte[] payload, int qos, boolean retained);
    }

    /**
     * The outcome of one publish or subscribe, on a Paho thread. {@code failed} means the broker refused it; one
     * that failed because the connection went is not reported here ({@link Events#lost} is).
     */
    interface Outcome {
        void done();

        void failed(String why);
    }

    /** A subscription to ask for. */
    record Filter(String filter, int qos) { }

    /** "MQTT 5" or "MQTT 3.1.1", for status lines. */
    String protocol();

    /** Starts a connection attempt; its outcome goes to {@link Events#connected} or {@link Events#connectFailed}. */
    void connect() throws BrokerException;

    /** Subscribes to the filters (MQTT 5: without receiving the bridge's own publications back). */
    void subscribe(List<Filter> filters, Outcome outcome) throws BrokerException;

    /**
     * Hands one message to the client. Throws when it cannot take it now (not connected, or its in-flight window is
     * full): the caller keeps the message and tries again later.
     */
    void publish(String topic, byte[] payload, int qos, boolean retain, Outcome outcome) throws BrokerException;

    /** Whether MQTT itself keeps the bridge's own publications from coming back (MQTT 5 no-local subscriptions). */
    boolean suppressesOwnMessages();

    /** Disconnects at once and ends every Paho thread of this client; waits a bounded time. Never throws. */
    @Override
    void close();

    /** A Paho failure, with Paho's reason text. */
    final class BrokerException extends Exception {
        private static final long serialVersionUID = 1L;

        BrokerException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
