package clasp.adapter.mqtt.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;

/**
 * A bare MQTT client on a plain socket, packets encoded and decoded by Netty's codec in an embedded channel: every
 * packet the server writes is seen in order, with its flags, so tests assert exact packet sequences.
 */
final class RawMqttClient implements AutoCloseable {
    /** One packet received, decoded to plain values (nothing to release). */
    record Packet(MqttMessageType type, int qos, boolean retain, boolean dup, String topic, String payload, int packetId,
                  Object detail, boolean sessionPresent) {
        Packet(MqttMessageType type, int qos, boolean retain, boolean dup, String topic, String payload, int packetId, Object detail) {
            this(type, qos, retain, dup, topic, payload, packetId, detail, false);
        }

        @Override
        public String toString() {
            return type + (topic == null ? "" : " " + topic + "=" + payload + " qos" + qos + (retain ? " retain" : ""))
                    + (packetId > 0 ? " id" + packetId : "") + (detail == null ? "" : " " + detail);
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final EmbeddedChannel codec;
    private final ArrayDeque<Packet> received = new ArrayDeque<>();
    private final MqttVersion version;

    RawMqttClient(int port, MqttVersion version) throws IOException {
        this(new Socket("127.0.0.1", port), version);
    }

    /** Over a socket already connected (a TLS one, say). */
    RawMqttClient(Socket socket, MqttVersion version) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(30_000);
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.version = version;
        this.codec = new EmbeddedChannel(new MqttDecoder(1 << 20), MqttEncoder.INSTANCE);
    }

    /** CONNECT; returns the CONNACK. */
    Packet connect(String clientId, int keepAlive, boolean clean) throws IOException {
        return connect(MqttMessageBuilders.connect().clientId(clientId).protocolVersion(version).keepAlive(keepAlive)
                .cleanSession(clean).build());
    }

    Packet connect(MqttConnectMessage connect) throws IOException {
        codec.attr(io.netty.util.AttributeKey.<MqttVersion>valueOf("NETTY_CODEC_MQTT_VERSION")).set(version);
        send(connect);
        return next();
    }

    void publish(String topic, String payload, int qos, boolean retain, int packetId) throws IOException {
        send(MqttMessageBuilders.publish().topicName(topic).qos(MqttQoS.valueOf(qos)).retained(retain).messageId(packetId)
                .payload(Unpooled.copiedBuffer(payload, StandardCharsets.UTF_8)).build());
    }

    void subscribe(int packetId, String filter, int qos) throws IOException {
        send(MqttMessageBuilders.subscribe().messageId(packetId).addSubscription(MqttQoS.valueOf(qos), filter).build());
    }

    void unsubscribe(int packetId, String filter) throws IOException {
        send(MqttMessageBuilders.unsubscribe().messageId(packetId).addTopicFilter(filter).build());
    }

    /** PUBACK, PUBREC, PUBREL or PUBCOMP for {@code packetId}. */
    void reply(MqttMessageType type, int packetId) throws IOException {
        MqttQoS qos = type == MqttMessageType.PUBREL ? MqttQoS.AT_LEAST_ONCE : MqttQoS.AT_MOST_ONCE;
        send(new MqttMessage(new MqttFixedHeader(type, false, qos, false, 0),
                new MqttPubReplyMessageVariableHeader(packetId, (byte) 0, MqttProperties.NO_PROPERTIES)));
    }

    void simple(MqttMessageType type) throws IOException {
        send(new MqttMessage(new MqttFixedHeader(type, false, MqttQoS.AT_MOST_ONCE, false, 0)));
    }

    void send(MqttMessage message) throws IOException {
        codec.writeOutbound(message);
        ByteBuf bytes;
        while ((bytes = codec.readOutbound()) != null) {
            try {
                out.write(ByteBufUtil.getBytes(bytes));
            } finally {
                bytes.release();
            }
        }
        out.flush();
    }

    void raw(byte... bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** The next packet the server sent; fails after 30 s. */
    Packet next() throws IOException {
        while (received.isEmpty()) {
            byte[] buffer = new byte[8192];
            int n = in.read(buffer);
            if (n < 0) throw new IOException("closed by the server");
            codec.writeInbound(Unpooled.wrappedBuffer(buffer, 0, n));
            Object m;
            while ((m = codec.readInbound()) != null) {
                try {
                    received.add(packet((MqttMessage) m));
                } finally {
                    ReferenceCountUtil.release(m);
                }
            }
        }
        return received.poll();
    }

    /** True once the server closed the connection (reads and drops what comes before the end). */
    boolean closedByServer() throws IOException {
        try {
            while (true) {
                if (!received.isEmpty()) {
                    received.poll();
                    continue;
                }
                next();
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private static Packet packet(MqttMessage m) {
        if (m.decoderResult().isFailure()) throw new IllegalStateException("undecodable packet", m.decoderResult().cause());
        MqttFixedHeader h = m.fixedHeader();
        if (m instanceof MqttPublishMessage p) {
            return new Packet(h.messageType(), h.qosLevel().value(), h.isRetain(), h.isDup(), p.variableHeader().topicName(),
                    p.payload().toString(StandardCharsets.UTF_8), Math.max(0, p.variableHeader().packetId()), null);
        }
        Object v = m.variableHeader();
        int id = v instanceof io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader idHeader ? idHeader.messageId() : 0;
        if (v instanceof io.netty.handler.codec.mqtt.MqttMessageIdAndPropertiesVariableHeader idp) id = idp.messageId();
        Object detail = switch (h.messageType()) {
            case CONNACK -> ((io.netty.handler.codec.mqtt.MqttConnAckVariableHeader) v).connectReturnCode();
            case SUBACK -> ((io.netty.handler.codec.mqtt.MqttSubAckPayload) m.payload()).reasonCodes();
            case DISCONNECT -> v == null ? null : ((io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader) v).reasonCode();
            case PUBACK, PUBREC -> v instanceof MqttPubReplyMessageVariableHeader r ? r.reasonCode() : null;
            default -> null;
        };
        boolean present = h.messageType() == MqttMessageType.CONNACK
                && ((io.netty.handler.codec.mqtt.MqttConnAckVariableHeader) v).isSessionPresent();
        return new Packet(h.messageType(), h.qosLevel().value(), h.isRetain(), h.isDup(), null, null, id, detail, present);
    }

    @Override
    public void close() throws IOException {
        socket.close();
        codec.finishAndReleaseAll();
    }
}
