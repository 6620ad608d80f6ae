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
 * @param will                  the last will: published retained by the broker when the connection ends without a
 *                              DISCONNECT; null: none
 */
record BrokerSettings(String uri, String clientId, String username, char[] password, SSLSocketFactory socketFactory,
                      int keepAliveSeconds, int connectTimeoutSeconds, int maxInFlight, Will will) {
    /** A retained last will. */
    record Will(String topic, byte[] payload, int qos) { }
}
