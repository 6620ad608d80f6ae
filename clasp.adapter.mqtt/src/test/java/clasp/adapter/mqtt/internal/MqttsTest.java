package clasp.adapter.mqtt.internal;

import static org.assertj.core.api.Assertions.assertThat;

import clasp.adapter.mqtt.internal.RawMqttClient.Packet;
import clasp.api.Value;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** MQTTS: the same session inside TLS, on the runtime's development certificate. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MqttsTest {

    @Test
    void aClientSubscribesAndReceivesInsideTlsAndAPlainClientIsNotServed() throws Exception {
        Path data = Files.createTempDirectory("clasp-mqtt-tls");
        try (TestBroker broker = new TestBroker(data, "tls", true)) {
            assertThat(broker.transport.endpoint()).startsWith("mqtts://127.0.0.1:");
            SSLContext trustAll = SSLContext.getInstance("TLS");
            trustAll.init(null, new TrustManager[] {new X509TrustManager() {
                @Override public void checkClientTrusted(X509Certificate[] chain, String authType) { }
                @Override public void checkServerTrusted(X509Certificate[] chain, String authType) { }
                @Override public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
            }}, null);
            SSLSocket socket = (SSLSocket) trustAll.getSocketFactory().createSocket("127.0.0.1", broker.port());
            socket.startHandshake();
            try (RawMqttClient c = new RawMqttClient(socket, MqttVersion.MQTT_5)) {
                assertThat(c.connect("secure", 0, true).detail()).isEqualTo(MqttConnectReturnCode.CONNECTION_ACCEPTED);
                c.subscribe(1, "tls/+", 0);
                assertThat(c.next().type()).isEqualTo(MqttMessageType.SUBACK);
                broker.set("/mqtt/tls/x", Value.of("inside"));
                Packet p = c.next();
                assertThat(p.topic()).isEqualTo("tls/x");
                assertThat(p.payload()).isEqualTo("inside");
            }
            try (RawMqttClient plain = new RawMqttClient(new Socket("127.0.0.1", broker.port()), MqttVersion.MQTT_3_1_1)) {
                // a plain client's CONNECT is not a TLS record: the handshake fails at once (a PINGREQ, two bytes,
                // would be too short to tell, and wait for the 10 s handshake timeout)
                plain.send(MqttMessageBuilders.connect().clientId("plain").protocolVersion(MqttVersion.MQTT_3_1_1).build());
                assertThat(plain.closedByServer()).isTrue();
            }
        }
    }
}
