package clasp.bridge.mqtt.internal;

import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.ScheduledExecutorPingSender;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * {@link BrokerClient} on Paho's MQTT 3.1.1 client (a bundle of its own). MQTT 3.1.1 has no no-local option: a
 * subscription matching what the bridge publishes sends it back, and the bridge drops that echo ({@link Echoes}).
 */
final class PahoV3Client implements BrokerClient {
    private final ScheduledThreadPoolExecutor threads;
    private final MqttAsyncClient client;
    private final MqttConnectOptions options = new MqttConnectOptions();
    private final Events events;

    PahoV3Client(BrokerSettings settings, String bridgeId, Events events) throws BrokerException {
        this.events = events;
        this.threads = PahoThreads.executor(bridgeId);
        try {
            client = new MqttAsyncClient(settings.uri(), settings.clientId(), new MemoryPersistence(),
                    new ScheduledExecutorPingSender(threads), threads);
        } catch (MqttException | IllegalArgumentException e) {
            PahoThreads.stop(threads, 1000);
            throw new BrokerException(settings.uri() + ": " + e.getMessage(), e);
        }
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(true);
        options.setAutomaticReconnect(false);
        options.setKeepAliveInterval(settings.keepAliveSeconds());
        options.setConnectionTimeout(settings.connectTimeoutSeconds());
        options.setMaxInflight(settings.maxInFlight());
        if (settings.username() != null) options.setUserName(settings.username());
        if (settings.password() != null) options.setPassword(settings.password());
        if (settings.socketFactory() != null) options.setSocketFactory(settings.socketFactory());
        if (settings.will() != null) options.setWill(settings.will().topic(), settings.will().payload(), settings.will().qos(), true);
        client.setCallback(new MqttCallback() {
            @Override public void connectionLost(Throwable cause) { events.lost(why(cause)); }

            @Override public void messageArrived(String topic, MqttMessage message) {
                events.arrived(topic, message.getPayload(), message.getQos(), message.isRetained());
            }

            @Override public void deliveryComplete(IMqttDeliveryToken token) { }
        });
    }

    @Override public String protocol() { return "MQTT 3.1.1"; }

    @Override public boolean suppressesOwnMessages() { return false; }

    @Override public void connect() throws BrokerException {
        try {
            client.connect(options, null, new IMqttActionListener() {
                @Override public void onSuccess(IMqttToken token) { events.connected(token.getSessionPresent()); }

                @Override public void onFailure(IMqttToken token, Throwable e) {
                    int code = e instanceof MqttException m ? m.getReasonCode() : -1;
                    events.connectFailed(why(e), code >= 1 && code <= 5);   // CONNACK return codes 1-5: refused
                }
            });
        } catch (MqttException e) {
            throw new BrokerException(why(e), e);
        }
    }

    @Override public void subscribe(List<Filter> filters, Outcome outcome) throws BrokerException {
        String[] names = filters.stream().map(Filter::filter).toArray(String[]::new);
        int[] qos = filters.stream().mapToInt(Filter::qos).toArray();
        try {
            client.subscribe(names, qos, null, new IMqttActionListener() {
                @Override public void onSuccess(IMqttToken token) {
                    int[] granted = token.getGrantedQos();
                    for (int i = 0; granted != null && i < granted.length; i++) {
                        if (granted[i] == 0x80) {
                            outcome.failed("broker refused " + names[Math.min(i, names.length - 1)]);
                            return;
                        }
                    }
                    outcome.done();
                }

                // 3.1.1 has no refusals here (SUBACK 0x80 comes as a success): a failure is the connection going.
                @Override public void onFailure(IMqttToken token, Throwable e) { }
            });
        } catch (MqttException e) {
            throw new BrokerException(why(e), e);
        }
    }

    @Override public void publish(String topic, byte[] payload, int qos, boolean retain, Outcome outcome)
            throws BrokerException {
        try {
            client.publish(topic, payload, qos, retain, null, new IMqttActionListener() {
                @Override public void onSuccess(IMqttToken token) { outcome.done(); }

                // 3.1.1 has no refusals here (SUBACK 0x80 comes as a success): a failure is the connection going.
                @Override public void onFailure(IMqttToken token, Throwable e) { }
            });
        } catch (MqttException | IllegalArgumentException e) {
            throw new BrokerException(e.getMessage(), e);
        }
    }

    @Override public void close() {
        try {
            if (client.isConnected()) client.disconnectForcibly(0, 1000, false);
        } catch (MqttException ignored) {
            // closing anyway
        }
        try {
            client.close(true);
        } catch (MqttException ignored) {
            // its threads end with the executor below
        }
        PahoThreads.stop(threads, 2000);
    }

    private static String why(Throwable e) {
        if (e == null) return "connection lost";
        String text = e.getMessage();
        Throwable cause = e.getCause();
        if (cause != null && cause.getMessage() != null) text = text + " (" + cause.getMessage() + ")";
        return text;
    }
}
