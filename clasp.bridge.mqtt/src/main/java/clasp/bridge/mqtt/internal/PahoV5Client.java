package clasp.bridge.mqtt.internal;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.TimerPingSender;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/** {@link BrokerClient} on Paho's MQTT 5 client (embedded in this bundle). Subscriptions are no-local. */
final class PahoV5Client implements BrokerClient {
    /** Paho's MQTT 5 client logs routine protocol steps at INFO through java.util.logging; held so that the level stays. */
    private static final java.util.logging.Logger PAHO_LOG = quiet("org.eclipse.paho.mqttv5");

    private final ScheduledThreadPoolExecutor threads;
    private final MqttAsyncClient client;
    private final MqttConnectionOptions options = new MqttConnectionOptions();
    private final Events events;

    PahoV5Client(BrokerSettings settings, String bridgeId, Events events) throws BrokerException {
        this.events = events;
        this.threads = PahoThreads.executor(bridgeId);
        try {
            client = new MqttAsyncClient(settings.uri(), settings.clientId(), new MemoryPersistence(),
                    new TimerPingSender(threads), threads);
        } catch (MqttException | IllegalArgumentException e) {
            PahoThreads.stop(threads, 1000);
            throw new BrokerException(settings.uri() + ": " + e.getMessage(), e);
        }
        options.setCleanStart(true);
        options.setAutomaticReconnect(false);
        options.setKeepAliveInterval(settings.keepAliveSeconds());
        options.setConnectionTimeout(settings.connectTimeoutSeconds());
        if (settings.username() != null) options.setUserName(settings.username());
        if (settings.password() != null) options.setPassword(new String(settings.password()).getBytes(StandardCharsets.UTF_8));
        if (settings.socketFactory() != null) options.setSocketFactory(settings.socketFactory());
        if (settings.will() != null) {
            options.setWill(settings.will().topic(), new MqttMessage(settings.will().payload(), settings.will().qos(), true, null));
        }
        client.setCallback(new MqttCallback() {
            @Override public void disconnected(MqttDisconnectResponse response) {
                events.lost(response.getException() != null ? why(response.getException())
                        : "broker disconnected (reason " + response.getReturnCode() + ")");
            }

            @Override public void mqttErrorOccurred(MqttException e) { }

            @Override public void messageArrived(String topic, MqttMessage message) {
                events.arrived(topic, message.getPayload(), message.getQos(), message.isRetained());
            }

            @Override public void deliveryComplete(IMqttToken token) { }

            @Override public void connectComplete(boolean reconnect, String uri) { }

            @Override public void authPacketArrived(int reasonCode, MqttProperties properties) { }
        });
    }

    @Override public String protocol() { return "MQTT 5"; }

    @Override public boolean suppressesOwnMessages() { return true; }

    @Override public void connect() throws BrokerException {
        try {
            client.connect(options, null, new MqttActionListener() {
                @Override public void onSuccess(IMqttToken token) { events.connected(token.getSessionPresent()); }

                @Override public void onFailure(IMqttToken token, Throwable e) {
                    int code = e instanceof MqttException m ? m.getReasonCode() : -1;
                    events.connectFailed(why(e), code >= 0x80 && code <= 0xFF);
                }
            });
        } catch (MqttException e) {
            throw new BrokerException(why(e), e);
        }
    }

    @Override public void subscribe(List<Filter> filters, Outcome outcome) throws BrokerException {
        MqttSubscription[] subscriptions = new MqttSubscription[filters.size()];
        for (int i = 0; i < subscriptions.length; i++) {
            subscriptions[i] = new MqttSubscription(filters.get(i).filter(), filters.get(i).qos());
            subscriptions[i].setNoLocal(true);   // what the bridge publishes does not come back to it
        }
        try {
            client.subscribe(subscriptions, null, new MqttActionListener() {
                @Override public void onSuccess(IMqttToken token) {
                    int[] codes = token.getReasonCodes();
                    for (int i = 0; codes != null && i < codes.length; i++) {
                        if (codes[i] >= 0x80) {
                            outcome.failed("broker refused " + filters.get(Math.min(i, filters.size() - 1)).filter()
                                    + " (reason " + codes[i] + ")");
                            return;
                        }
                    }
                    outcome.done();
                }

                @Override public void onFailure(IMqttToken token, Throwable e) {
                    if (e instanceof MqttException m && m.getReasonCode() > 0 && m.getReasonCode() < 32000) outcome.failed(why(e));
                }
            }, new MqttProperties());
        } catch (MqttException e) {
            throw new BrokerException(why(e), e);
        }
    }

    @Override public void publish(String topic, byte[] payload, int qos, boolean retain, Outcome outcome)
            throws BrokerException {
        MqttMessage message = new MqttMessage(payload, qos, retain, null);
        try {
            client.publish(topic, message, null, new MqttActionListener() {
                @Override public void onSuccess(IMqttToken token) { outcome.done(); }

                @Override public void onFailure(IMqttToken token, Throwable e) {
                    if (e instanceof MqttException m && m.getReasonCode() > 0 && m.getReasonCode() < 32000) outcome.failed(why(e));
                }
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

    private static java.util.logging.Logger quiet(String name) {
        java.util.logging.Logger log = java.util.logging.Logger.getLogger(name);
        log.setLevel(java.util.logging.Level.WARNING);
        return log;
    }

    private static String why(Throwable e) {
        String text = e.getMessage();
        Throwable cause = e.getCause();
        if (cause != null && cause.getMessage() != null) text = text + " (" + cause.getMessage() + ")";
        return text;
    }
}
