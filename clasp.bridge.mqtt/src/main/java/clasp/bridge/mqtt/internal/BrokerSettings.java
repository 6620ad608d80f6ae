package clasp.bridge.mqtt.internal;

import javax.net.ssl.SSLSocketFactory;

/**
 * How to reach and log in to the broker, the part of the configuration both Paho clients need.
 *
 * @param uri                   tcp://host:port or ssl://host:port
 * @param clientId              the MQTT client id
 * @param username              null: none
 * @param password              null: none
 * @param socketFactory         for ssl:// URIs; null: the JVM's default
 * @param keepAliveSeconds      0: no keep-alive
 * @param connectTimeoutSeconds how long to wait for CONNACK
 * @param maxInFlight           unacknowledged publications at most
 */
record BrokerSettings(String uri, String clientId, String username, char[] password, SSLSocketFactory socketFactory,
                      int keepAliveSeconds, int connectTimeoutSeconds, int maxInFlight) {
}
