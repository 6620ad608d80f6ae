/**
 * The MQTT server adapter: a {@link clasp.protocol.transport.Transport} of kind "mqtt" whose connections speak CLASP
 * to the router on behalf of MQTT clients.
 *
 * <p>Threads. Each client's pipeline ({@link clasp.adapter.mqtt.internal.MqttChannelInitializer}) lives on one Netty
 * event loop, and so does every piece of per-client state: {@link clasp.adapter.mqtt.internal.MqttSession} (packets
 * in, subscriptions, the reply FIFO, the will), {@link clasp.adapter.mqtt.internal.ClaspToMqtt} (frames out) and the
 * {@link clasp.adapter.mqtt.internal.OutboundWindow}. The router's threads only call the connection's
 * {@code send}/{@code close} (the shared lock-free outbound path), which hands every frame to the event loop in the
 * connection's one order; the translation happens there. Shared between event loops: the listener's
 * {@link clasp.adapter.mqtt.internal.ClientIds} (a concurrent map) and its refusal counters (lock-free). Another
 * loop reaches a session only through {@code takeOver}, which runs on the session's own loop. No locks are taken,
 * so there is no lock order. The transport's own fields are guarded by its monitor (open, close, deactivation).
 */
package clasp.adapter.mqtt.internal;
