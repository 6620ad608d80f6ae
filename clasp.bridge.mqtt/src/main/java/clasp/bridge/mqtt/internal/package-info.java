/**
 * The MQTT bridge: {@link clasp.bridge.mqtt.internal.MqttBridge} (one per factory configuration
 * {@code clasp.bridge.mqtt}) on Paho's MQTT 5 or 3.1.1 client behind {@link clasp.bridge.mqtt.internal.BrokerClient};
 * {@link clasp.bridge.mqtt.internal.Topics} and the shared {@code clasp.mqtt.mapping} (payloads, filters) do the
 * mapping of bridges.md §7, {@link clasp.bridge.mqtt.internal.Outbox} what goes to the broker. Nothing here is exported.
 * Threads: see {@link clasp.bridge.mqtt.internal.MqttBridge}; no locks are nested (Echoes and the outbox's owned map
 * are the only state shared between Paho's callback thread and the bridge's strand).
 */
package clasp.bridge.mqtt.internal;
