package clasp.bench.load;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An MQTT 3.1.1 client on netty-codec-mqtt: clean session, QoS 0 subscriptions and publishes. With a password (the
 * router's MQTT adapter in authenticated mode takes it as the token) CONNECT carries it with the user name
 * {@code clasp-bench}, as MQTT 3.1.1 allows a password only with a user name.
 */
public final class MqttClient implements PubSubClient {
    private static final AtomicLong CLIENT_IDS = new AtomicLong();
    /** Seconds; mosquitto drops a client silent for 1.5 × this. */
    private static final int KEEP_ALIVE_SECONDS = 600;

    private final Probe.Sink sink;
    private final CompletableFuture<Void> connected = new CompletableFuture<>();
    private final Map<Integer, CompletableFuture<Void>> awaitingSubAck = new ConcurrentHashMap<>();
    private final AtomicInteger packetIds = new AtomicInteger();
    private final Channel channel;
    private final String password;

    public MqttClient(ClientNet net, String host, int port, Probe.Sink sink) {
        this(net, host, port, null, sink);
    }

    /** {@code password}: CONNECT's password, or null for none. */
    MqttClient(ClientNet net, String host, int port, String password, Probe.Sink sink) {
        this.sink = sink;
        this.password = password;
        channel = net.bootstrap().handler(new ChannelInitializer<Channel>() {
            @Override protected void initChannel(Channel ch) {
                ch.pipeline().addLast(new MqttDecoder(), MqttEncoder.INSTANCE, new Handler());
            }
        }).connect(host, port).addListener(f -> {
            if (!f.isSuccess()) connected.completeExceptionally(f.cause());
        }).channel();
        channel.closeFuture().addListener(f -> failAll(new IllegalStateException("connection closed")));
    }

    @Override public CompletableFuture<Void> connect() { return connected; }

    @Override
    public CompletableFuture<Void> subscribe(String topic) {
        int id = packetIds.incrementAndGet();
        CompletableFuture<Void> done = new CompletableFuture<>();
        awaitingSubAck.put(id, done);
        channel.writeAndFlush(MqttMessageBuilders.subscribe().messageId(id).addSubscription(MqttQoS.AT_MOST_ONCE, topic).build(),
                channel.voidPromise());
        return done;
    }

    @Override
    public void publish(String topic, byte[] payload) {
        channel.writeAndFlush(MqttMessageBuilders.publish().topicName(topic).qos(MqttQoS.AT_MOST_ONCE).retained(false)
                .payload(Unpooled.wrappedBuffer(payload)).build(), channel.voidPromise());
    }

    @Override public boolean isOpen() { return channel.isActive() && connected.isDone() && !connected.isCompletedExceptionally(); }

    @Override public long errors() { return 0; }

    @Override
    public CompletableFuture<Void> close() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (channel.isActive()) channel.writeAndFlush(MqttMessage.DISCONNECT);
        channel.close().addListener(f -> done.complete(null));
        return done;
    }

    private void failAll(Throwable cause) {
        connected.completeExceptionally(cause);
        awaitingSubAck.values().forEach(f -> f.completeExceptionally(cause));
        awaitingSubAck.clear();
    }

    private final class Handler extends SimpleChannelInboundHandler<MqttMessage> {
        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            MqttMessageBuilders.ConnectBuilder connect = MqttMessageBuilders.connect().clientId("clasp-bench-" + CLIENT_IDS.incrementAndGet())
                    .protocolVersion(MqttVersion.MQTT_3_1_1).cleanSession(true).keepAlive(KEEP_ALIVE_SECONDS);
            if (password != null) connect.username("clasp-bench").password(password.getBytes(StandardCharsets.UTF_8));
            ctx.writeAndFlush(connect.build());
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, MqttMessage msg) {
            long now = System.nanoTime();
            if (msg instanceof MqttPublishMessage p) {
                ByteBuf b = p.payload();
                if (b.readableBytes() == Probe.BYTES) {
                    int i = b.readerIndex();
                    sink.delivered(now, b.getLong(i), b.getLong(i + 8), b.getLong(i + 16));
                }
            } else if (msg instanceof MqttConnAckMessage ack) {
                MqttConnectReturnCode code = ack.variableHeader().connectReturnCode();
                if (code == MqttConnectReturnCode.CONNECTION_ACCEPTED) connected.complete(null);
                else connected.completeExceptionally(new IllegalStateException("CONNACK " + code));
            } else if (msg instanceof MqttSubAckMessage ack) {
                CompletableFuture<Void> f = awaitingSubAck.remove(ack.variableHeader().messageId());
                if (f != null) f.complete(null);
            } else if (msg.decoderResult().isFailure()) {
                failAll(msg.decoderResult().cause());
                ctx.close();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            failAll(cause);
            ctx.close();
        }
    }
}
