package clasp.adapter.mqtt.internal;

import clasp.protocol.transport.ConnectionAcceptor;
import clasp.transport.netty.ConnectionLimits;
import clasp.transport.netty.InboundActivity;
import clasp.transport.netty.OpenConnections;
import clasp.transport.netty.OutboundPath;
import clasp.transport.netty.Refusals;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;

/**
 * Builds each client's pipeline, once the connection is within its address's limits (else it is closed at once and
 * counted): [TLS →] activity → MQTT decoder (bounded by maxPacketBytes) → CONNECT deadline → MQTT encoder →
 * CLASP-to-MQTT translation → the session. Shared by every connection of a listener; stateless.
 */
final class MqttChannelInitializer extends ChannelInitializer<SocketChannel> {
    static final String DECODER = "mqtt-decoder";
    /** MQTT 3.1 capped client ids at 23 characters; 3.1.1 and 5 do not: a UTF-8 string's own limit. */
    private static final int MAX_CLIENT_ID_LENGTH = 65535;

    private final MqttSettings settings;
    private final MqttSession.Context context;
    private final ConnectionLimits limits;
    private final Refusals<MqttRefusal> refusals;

    MqttChannelInitializer(MqttSettings settings, ConnectionAcceptor acceptor, OpenConnections<MqttConnection> connections,
                           ClientIds clientIds, ParkedSessions parked, Refusals<MqttRefusal> refusals) {
        this.settings = settings;
        this.refusals = refusals;
        this.limits = new ConnectionLimits(settings.maxConnectionsPerIp(), settings.maxHandshakesPerSecond());
        this.context = new MqttSession.Context(settings, new Topics(settings.namespace()), acceptor, connections, clientIds,
                parked, refusals);
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        ConnectionLimits.Verdict verdict = limits.admit(channel);
        if (verdict != ConnectionLimits.Verdict.ADMITTED) {
            refusals.count(verdict == ConnectionLimits.Verdict.TOO_MANY_CONNECTIONS
                    ? MqttRefusal.TOO_MANY_CONNECTIONS : MqttRefusal.TOO_MANY_HANDSHAKES);
            channel.close();   // before any TLS or MQTT work
            return;
        }
        channel.config().setOption(ChannelOption.SO_KEEPALIVE, true);
        int inFlight = Math.min(OutboundPath.IN_FLIGHT_BYTES, settings.highWaterMark());
        channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(inFlight / 2, inFlight));
        if (settings.tls() != null) {
            channel.pipeline().addLast("tls", settings.tls().newHandler(channel.alloc()));
        }
        InboundActivity activity = new InboundActivity();
        MqttSession session = new MqttSession(context, activity);
        channel.pipeline()
                .addLast("activity", activity)
                .addLast(DECODER, new MqttDecoder(settings.maxPacketBytes(), MAX_CLIENT_ID_LENGTH))
                .addLast("connect-deadline", new ConnectDeadline(settings.handshakeTimeout(), refusals))
                .addLast("mqtt-encoder", MqttEncoder.INSTANCE)
                .addLast("clasp-to-mqtt", new ClaspToMqtt(session))
                .addLast("session", session);
    }
}
