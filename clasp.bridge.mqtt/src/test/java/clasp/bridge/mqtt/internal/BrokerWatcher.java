package clasp.bridge.mqtt.internal;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** An MQTT client at the broker (Paho 3.1.1) recording every message on a filter as "topic payload", from subscribe on. */
final class BrokerWatcher implements AutoCloseable {
    final List<String> seen = new CopyOnWriteArrayList<>();
    private final MqttClient client;

    BrokerWatcher(Mosquitto broker, String filter) throws MqttException {
        client = new MqttClient(broker.uri(), "watcher-" + System.nanoTime(), new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        client.connect(options);
        client.subscribe(filter, 2, (topic, m) -> seen.add(topic + " " + new String(m.getPayload(), StandardCharsets.UTF_8)));
    }

    @Override public void close() throws MqttException {
        client.disconnect();
        client.close();
    }
}
