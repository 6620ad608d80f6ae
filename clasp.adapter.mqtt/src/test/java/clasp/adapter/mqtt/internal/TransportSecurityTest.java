package clasp.adapter.mqtt.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The MQTT listener's defences against slow and greedy clients, over loopback sockets. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TransportSecurityTest {

    private static void assertEndedByServer(Socket socket) throws Exception {
        socket.setSoTimeout(30_000);
        InputStream in = socket.getInputStream();
        try {
            assertThat(in.read()).isEqualTo(-1);
        } catch (SocketException reset) {
            // ended all the same
        }
    }

    @Test
    void aClientThatNeverSendsConnectIsClosedAtTheDeadlineWhileAnotherConnects() throws Exception {
        try (TestBroker broker = new TestBroker("handshakeTimeoutSeconds", 1);
             Socket silent = new Socket("127.0.0.1", broker.port())) {
            silent.getOutputStream().write(0x10);   // the first byte of a CONNECT, and no more
            silent.getOutputStream().flush();
            try (RawMqttClient normal = new RawMqttClient(broker.port(), MqttVersion.MQTT_3_1_1)) {
                assertThat(normal.connect("normal", 0, true).detail()).isEqualTo(MqttConnectReturnCode.CONNECTION_ACCEPTED);
            }
            assertEndedByServer(silent);
            await().atMost(Duration.ofSeconds(30)).until(() -> broker.transport.refused(MqttRefusal.CONNECT_TIMEOUT) == 1);
        }
    }

    @Test
    void aConnectionOverTheLimitPerAddressIsClosedBeforeAnyMqttWork() throws Exception {
        try (TestBroker broker = new TestBroker("maxConnectionsPerIp", 1);
             RawMqttClient first = new RawMqttClient(broker.port(), MqttVersion.MQTT_3_1_1)) {
            assertThat(first.connect("first", 0, true).detail()).isEqualTo(MqttConnectReturnCode.CONNECTION_ACCEPTED);
            try (Socket second = new Socket("127.0.0.1", broker.port())) {
                assertEndedByServer(second);
            }
            assertThat(broker.transport.refused(MqttRefusal.TOO_MANY_CONNECTIONS)).isEqualTo(1);
            assertThat(broker.clientsConnected()).isEqualTo(1);
        }
    }

    @Test
    void aMinimumTlsVersionOtherThan12Or13IsAnInvalidConfiguration() {
        for (boolean tls : new boolean[] {true, false}) {
            assertThatThrownBy(() -> new TestBroker("tls", tls, "tlsMinVersion", "TLSv1.1"))
                    .hasMessage("clasp.transport.mqtt: invalid configuration: tlsMinVersion must be TLSv1.2 or TLSv1.3, "
                            + "is 'TLSv1.1'");
        }
    }
}
