package clasp.adapter.mqtt.internal;

import clasp.adapter.mqtt.internal.Replies.FilterReply;
import clasp.adapter.mqtt.internal.Replies.PublishReply;
import clasp.adapter.mqtt.internal.Replies.SubscribeReply;
import clasp.adapter.mqtt.internal.Replies.UnsubscribeReply;
import clasp.api.Feature;
import clasp.api.QoS;
import clasp.api.Value;
import clasp.api.message.Frame;
import clasp.api.message.HelloMessage;
import clasp.api.message.Message;
import clasp.api.message.PingMessage;
import clasp.api.message.PublishMessage;
import clasp.api.message.SetMessage;
import clasp.api.message.SubscribeMessage;
import clasp.api.message.UnsubscribeMessage;
import clasp.protocol.ClaspCodec;
import clasp.protocol.EncodeException;
import clasp.protocol.transport.ConnectionAcceptor;
import clasp.protocol.transport.ConnectionHandler;
import clasp.transport.netty.InboundActivity;
import clasp.transport.netty.OpenConnections;
import clasp.transport.netty.Refusals;
import clasp.transport.netty.RouterLink;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttIdentifierRejectedException;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.handler.codec.mqtt.MqttSubscriptionOption;
import io.netty.handler.codec.mqtt.MqttTopicSubscription;
import io.netty.handler.codec.mqtt.MqttUnacceptableProtocolVersionException;
import io.netty.handler.codec.mqtt.MqttUnsubscribeMessage;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One MQTT client, from the packets it sends: CONNECT first (anything else closes), then each packet becomes CLASP
 * frames for the router's session — HELLO {@code mqtt:<client id>}; PUBLISH a SET (retained) or a PUBLISH event;
 * SUBSCRIBE and UNSUBSCRIBE one CLASP subscription per filter — and the answers the client waits for are noted in
 * {@link Replies} for {@link ClaspToMqtt}, which writes them in order when the router's replies come back. PINGREQ,
 * PUBREL and the client's acknowledgements of our PUBLISHes are answered here. The will is published on every end
 * but a clean DISCONNECT. Event loop only, except {@link #takeOver}, which hands over to it.
 */
final class MqttSession extends RouterLink<MqttConnection> {
    private static final Logger LOG = LoggerFactory.getLogger(MqttSession.class);
    private static final ClaspCodec CODEC = ClaspCodec.defaults();

    /** What every client of one listener shares. */
    record Context(MqttSettings settings, Topics topics, ConnectionAcceptor acceptor, OpenConnections<MqttConnection> open,
                   ClientIds clientIds, ParkedSessions parked, Refusals<MqttRefusal> refusals) {
    }

    /** The will of the client, as the CLASP message it becomes. */
    private record Will(Message message, QoS qos) {
    }

    /** Makes the connection once the client id is known; keeps it for the session. */
    private static final class Connections implements java.util.function.Function<ChannelHandlerContext, MqttConnection> {
        private final InboundActivity activity;
        private final MqttSettings settings;
        private String clientId = "";
        private MqttConnection made;

        Connections(InboundActivity activity, MqttSettings settings) {
            this.activity = activity;
            this.settings = settings;
        }

        @Override
        public MqttConnection apply(ChannelHandlerContext ctx) {
            made = new MqttConnection(ctx.channel(), activity, clientId, settings.highWaterMark(), settings.lowWaterMark());
            return made;
        }
    }

    final MqttSettings settings;
    final Topics topics;
    final Subscriptions subscriptions = new Subscriptions();
    final Replies replies = new Replies();
    final Refusals<MqttRefusal> refusals;
    private final Context context;
    private final ClientIds clientIds;
    private final Connections connections;
    private boolean persistent;          // the session outlives this connection
    private int expirySeconds;
    private ParkedSession.Resumed resumed;   // the state taken over from a parked session, until CONNACK
    boolean sessionPresent;
    private final Set<Integer> inboundQos2 = new HashSet<>();   // packet ids of QoS 2 PUBLISHes before their PUBREL
    private ChannelHandlerContext ctx;
    private ConnectionHandler router;
    private OutboundWindow window;
    private Will will;
    private boolean connected;   // a valid CONNECT was taken
    private boolean ending;      // a close was asked for: later packets are ignored
    boolean v5;
    boolean connAckSent;         // by ClaspToMqtt, at WELCOME
    boolean notAuthorized;       // by ClaspToMqtt: the router refused the credentials (its close becomes CONNACK 0x05/0x87)
    String clientId;
    boolean assignedClientId;

    MqttSession(Context context, InboundActivity activity) {
        this(context, new Connections(activity, context.settings()));
    }

    private MqttSession(Context context, Connections connections) {
        super(MqttTransport.PID, context.acceptor(), context.open(), connections);
        this.context = context;
        this.settings = context.settings();
        this.topics = context.topics();
        this.clientIds = context.clientIds();
        this.refusals = context.refusals();
        this.connections = connections;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    OutboundWindow window() {
        return window;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (ending || !(msg instanceof MqttMessage m)) return;
            if (connections.made != null && !connections.made.isOpen()) return;   // closing: nothing more is read
            if (m.decoderResult().isFailure()) {
                badPacket(m.decoderResult().cause());
                return;
            }
            MqttMessageType type = m.fixedHeader().messageType();
            if (!connected) {
                if (type == MqttMessageType.CONNECT) {
                    connect((MqttConnectMessage) m);
                } else {
                    violation("first packet must be CONNECT, was " + type);
                }
                return;
            }
            switch (type) {
                case PUBLISH -> publish((MqttPublishMessage) m);
                case PUBACK -> window.acked(packetId(m));
                case PUBREC -> window.received(packetId(m));
                case PUBCOMP -> window.completed(packetId(m));
                case PUBREL -> {
                    inboundQos2.remove(packetId(m));
                    ctx.writeAndFlush(MqttPackets.reply(MqttMessageType.PUBCOMP, packetId(m), MqttPackets.SUCCESS));
                }
                case SUBSCRIBE -> subscribe((MqttSubscribeMessage) m);
                case UNSUBSCRIBE -> unsubscribe((MqttUnsubscribeMessage) m);
                case PINGREQ -> ctx.writeAndFlush(MqttPackets.PINGRESP);
                case DISCONNECT -> disconnect(m);
                default -> violation("unexpected " + type);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private static int packetId(MqttMessage m) {
        return ((MqttMessageIdVariableHeader) m.variableHeader()).messageId();
    }

    // ---- CONNECT

    /** The CONNECT password, which the router checks as the session's token in authenticated mode (null: none). */
    private static String password(MqttConnectMessage m) {
        byte[] password = m.variableHeader().hasPassword() ? m.payload().passwordInBytes() : null;
        return password == null || password.length == 0 ? null : new String(password, java.nio.charset.StandardCharsets.UTF_8);
    }

    private void connect(MqttConnectMessage m) {
        v5 = m.variableHeader().version() == 5;
        String id = m.payload().clientIdentifier();
        if (id == null || id.isEmpty()) {
            if (!v5 && !m.variableHeader().isCleanSession()) {
                refuseConnect(MqttConnectReturnCode.CONNECTION_REFUSED_IDENTIFIER_REJECTED, "empty client id without clean session");
                return;
            }
            id = "auto-" + UUID.randomUUID();
            assignedClientId = true;
        }
        if (m.variableHeader().isWillFlag()) {
            String address = topics.address(m.payload().willTopic());
            if (address == null) {
                refusals.count(MqttRefusal.BAD_TOPIC);
                refuseConnect(v5 ? MqttConnectReturnCode.CONNECTION_REFUSED_TOPIC_NAME_INVALID
                        : MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED, "will topic cannot be an address");
                return;
            }
            Value value = settings.payloads().decode(m.payload().willMessageInBytes());
            if (value == null) {
                refusals.count(MqttRefusal.BAD_PAYLOAD);
                refuseConnect(v5 ? MqttConnectReturnCode.CONNECTION_REFUSED_PAYLOAD_FORMAT_INVALID
                        : MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED, "will payload unreadable in the payload format");
                return;
            }
            will = new Will(message(address, value, m.variableHeader().isWillRetain()), QoS.fromCode(m.variableHeader().willQos()));
        }
        int keepAlive = m.variableHeader().keepAliveTimeSeconds();
        if (keepAlive > 0) {
            ctx.pipeline().addBefore(MqttChannelInitializer.DECODER, "keepalive",
                    new IdleStateHandler(keepAlive * 1500L, 0, 0, TimeUnit.MILLISECONDS));
        }
        int inFlight = settings.maxInflight();
        int clientMaxPacket = Integer.MAX_VALUE;
        if (v5) {
            MqttProperties.MqttProperty<?> maxPacket = m.variableHeader().properties()
                    .getProperty(MqttProperties.MqttPropertyType.MAXIMUM_PACKET_SIZE.value());
            if (maxPacket != null && maxPacket.value() instanceof Integer max && max > 0) clientMaxPacket = max;
            MqttProperties.MqttProperty<?> receiveMaximum = m.variableHeader().properties()
                    .getProperty(MqttProperties.MqttPropertyType.RECEIVE_MAXIMUM.value());
            if (receiveMaximum != null && receiveMaximum.value() instanceof Integer max && max > 0) {
                inFlight = Math.min(inFlight, max);
            }
        }
        boolean cleanStart = m.variableHeader().isCleanSession();
        long requested = cleanStart && !v5 ? 0 : settings.sessionExpirySeconds();
        if (v5) {
            MqttProperties.MqttProperty<?> expiry = m.variableHeader().properties()
                    .getProperty(MqttProperties.MqttPropertyType.SESSION_EXPIRY_INTERVAL.value());
            requested = expiry != null && expiry.value() instanceof Integer seconds ? Integer.toUnsignedLong(seconds) : 0;
        }
        expirySeconds = (int) Math.min(requested, settings.sessionExpirySeconds());
        persistent = expirySeconds > 0;
        ParkedSession parked = context.parked().take(id);
        if (parked != null && cleanStart) {
            parked.discard();
            parked = null;
        }
        connected = true;
        clientId = id;
        connections.clientId = id;
        MqttSession older = clientIds.register(id, this);
        if (older != null && older != this) older.takeOver();
        router = accepted(ctx);
        MqttConnection connection = connections.made;
        window = new OutboundWindow(ctx.pipeline().context(ClaspToMqtt.class), inFlight, clientMaxPacket, bytes -> {
            if (connection.held(bytes) && router != null) router.writable();
        }, () -> refusals.count(MqttRefusal.TOO_BIG_FOR_CLIENT));
        if (router == null) {   // refused: the close request in the outbound order becomes a refused CONNACK
            if (parked != null) context.parked().put(id, parked);
            return;
        }
        send(new HelloMessage(1, Set.of(Feature.PARAM, Feature.EVENT), "mqtt:" + id, password(m)), QoS.FIRE);
        if (parked != null) resume(parked);
    }

    /**
     * Takes over a parked session: its subscriptions are made again in this router session first, then the parked
     * one ends, so nothing published meanwhile is missed (a message may come twice). The window it left and its
     * queue go out after CONNACK ({@link #resumeWindow}).
     */
    private void resume(ParkedSession parked) {
        for (Subscriptions.Subscription sub : parked.subscriptions()) {
            String pattern = topics.pattern(sub.filter());
            if (pattern == null) continue;
            subscriptions.restore(sub);
            replies.add(new Replies.Resubscribe(sub.filter()));
            send(new SubscribeMessage(sub.id(), pattern), QoS.FIRE);
            send(PingMessage.INSTANCE, QoS.FIRE);
        }
        resumed = parked.resume();
        sessionPresent = resumed != null;
    }

    /** ClaspToMqtt, right after CONNACK: the resumed session's unacknowledged messages, then its queue. */
    void resumeWindow() {
        ParkedSession.Resumed r = resumed;
        resumed = null;
        if (r != null) window.resume(r.window(), r.queued());
    }

    /** Before the router has the client: CONNACK with {@code code}, then the close. */
    private void refuseConnect(MqttConnectReturnCode code, String why) {
        refusals.count(MqttRefusal.BAD_CONNECT);
        LOG.debug("{}: CONNECT from {} refused: {}", MqttTransport.PID, ctx.channel().remoteAddress(), why);
        ending = true;
        ctx.writeAndFlush(MqttPackets.connAck(code, MqttProperties.NO_PROPERTIES)).addListener(f -> ctx.close());
    }

    /**
     * The CLASP message for an MQTT PUBLISH: retained ⇒ SET (state, replayed as retained); otherwise a PUBLISH event,
     * or a SET too with {@code nonRetained=param}.
     */
    private Message message(String address, Value value, boolean retain) {
        return retain || settings.nonRetainedAsParam() ? new SetMessage(address, value) : PublishMessage.event(address, value);
    }

    // ---- PUBLISH

    private void publish(MqttPublishMessage m) {
        int qos = m.fixedHeader().qosLevel().value();
        int id = m.variableHeader().packetId();
        if (qos == 2 && !inboundQos2.add(id)) {
            // A repeat before PUBREL: applied once already; answered again, not written again.
            ctx.writeAndFlush(MqttPackets.reply(MqttMessageType.PUBREC, id, MqttPackets.SUCCESS));
            return;
        }
        String address = topics.address(m.variableHeader().topicName());
        if (address == null) {
            refusals.count(MqttRefusal.BAD_TOPIC);
            answerNow(id, qos, MqttPackets.TOPIC_NAME_INVALID);
            return;
        }
        boolean retain = m.fixedHeader().isRetain();
        Value value = settings.payloads().decode(ByteBufUtil.getBytes(m.payload()));
        if (value == null) {
            refusals.count(MqttRefusal.BAD_PAYLOAD);
            answerNow(id, qos, MqttPackets.PAYLOAD_FORMAT_INVALID);
            return;
        }
        boolean answered = retain || settings.nonRetainedAsParam() || qos > 0;   // a SET is ACKed at every QoS, an event at Confirm and Commit
        if (answered) replies.add(new PublishReply(qos == 0 ? 0 : id, qos));
        if (!send(message(address, value, retain), QoS.fromCode(qos))) {
            if (answered) replies.dropLast();
            refusals.count(MqttRefusal.PUBLISH_REFUSED);
            answerNow(id, qos, MqttPackets.PACKET_TOO_LARGE);
        }
    }

    /** A PUBLISH refused here, before the router: MQTT 5 gets the reason, MQTT 3.1.1 an acknowledgement (counted). */
    private void answerNow(int id, int qos, int reason) {
        if (qos == 0) return;
        if (!v5) refusals.count(MqttRefusal.PUBLISH_REFUSED);
        if (qos == 2 && v5) inboundQos2.remove(id);   // a failed PUBREC ends the exchange
        ctx.writeAndFlush(MqttPackets.reply(qos == 1 ? MqttMessageType.PUBACK : MqttMessageType.PUBREC, id, reason));
    }

    /** The router refused a QoS 2 PUBLISH (MQTT 5): the exchange ends at the PUBREC, no PUBREL follows. */
    void qos2Refused(int id) {
        inboundQos2.remove(id);
    }

    // ---- SUBSCRIBE, UNSUBSCRIBE

    private void subscribe(MqttSubscribeMessage m) {
        List<MqttTopicSubscription> filters = m.payload().topicSubscriptions();
        if (filters.isEmpty()) {
            violation("SUBSCRIBE without a filter");
            return;
        }
        SubscribeReply reply = new SubscribeReply(m.idAndPropertiesVariableHeader().messageId(), filters.size());
        for (int i = 0; i < filters.size(); i++) {
            String filter = filters.get(i).topicFilter();
            MqttSubscriptionOption option = filters.get(i).option();
            reply.filters[i] = filter;
            boolean shared = filter.startsWith("$share/");
            String pattern = shared ? null : topics.pattern(filter);
            if (pattern == null) {
                refusals.count(MqttRefusal.BAD_TOPIC);
                reply.codes[i] = !v5 ? 0x80 : shared ? MqttPackets.SHARED_SUBSCRIPTIONS_NOT_SUPPORTED : MqttPackets.TOPIC_FILTER_INVALID;
                continue;
            }
            int qos = Math.min(2, Math.max(0, option.qos().value()));
            Subscriptions.Subscription previous = subscriptions.get(filter);
            Subscriptions.Subscription sub = subscriptions.put(filter, qos, v5 && option.isRetainAsPublished());
            reply.codes[i] = qos;
            MqttSubscriptionOption.RetainedHandlingPolicy handling = option.retainHandling();
            reply.sendRetained[i] = !v5 || handling == MqttSubscriptionOption.RetainedHandlingPolicy.SEND_AT_SUBSCRIBE
                    || handling == MqttSubscriptionOption.RetainedHandlingPolicy.SEND_AT_SUBSCRIBE_IF_NOT_YET_EXISTS && previous == null;
            FilterReply answer = new FilterReply(reply, i);
            answer.previous = previous;
            reply.answers[i] = answer;
            reply.remaining++;
            replies.add(answer);
            send(new SubscribeMessage(sub.id(), pattern), QoS.FIRE);
            send(PingMessage.INSTANCE, QoS.FIRE);
        }
        if (reply.remaining == 0) {
            // Every filter refused here: the SUBACK still waits for its turn behind earlier answers.
            reply.remaining = 1;
            replies.add(new FilterReply(reply, -1));
            send(PingMessage.INSTANCE, QoS.FIRE);
        }
    }

    private void unsubscribe(MqttUnsubscribeMessage m) {
        List<String> filters = m.payload().topics();
        short[] codes = new short[filters.size()];
        for (int i = 0; i < filters.size(); i++) {
            Subscriptions.Subscription gone = subscriptions.remove(filters.get(i));
            if (gone == null) {
                codes[i] = MqttPackets.NO_SUBSCRIPTION_EXISTED;
            } else {
                send(new UnsubscribeMessage(gone.id()), QoS.FIRE);
            }
        }
        replies.add(new UnsubscribeReply(m.idAndPropertiesVariableHeader().messageId(), codes));
        send(PingMessage.INSTANCE, QoS.FIRE);
    }

    // ---- ends

    private void disconnect(MqttMessage m) {
        boolean keepWill = v5 && m.variableHeader() instanceof MqttReasonCodeAndPropertiesVariableHeader h && h.reasonCode() == 0x04;
        if (!keepWill) will = null;
        ending = true;
        ctx.close();
    }

    /** Another connection took this client id: will, then MQTT 5 DISCONNECT 0x8E. Any thread. */
    void takeOver() {
        ctx.executor().execute(() -> {
            if (ending) return;
            refusals.count(MqttRefusal.TAKEN_OVER);
            publishWill();
            closeWith(MqttPackets.SESSION_TAKEN_OVER, "session taken over");
        });
    }

    /** Closes after what is queued, with the MQTT 5 reason (a DISCONNECT, or a refused CONNACK before the session began). */
    void closeWith(int reason, String text) {
        ending = true;
        MqttConnection connection = connections.made;
        if (connection != null) {
            connection.close(MqttWire.REASON_BASE + reason, text);
        } else {
            if (v5 && connected) ctx.write(MqttPackets.disconnect(reason));
            ctx.writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER).addListener(f -> ctx.close());
        }
    }

    private void violation(String what) {
        refusals.count(MqttRefusal.MALFORMED);
        LOG.debug("{}: protocol violation by {}: {}", MqttTransport.PID, ctx.channel().remoteAddress(), what);
        publishWill();
        closeWith(MqttPackets.PROTOCOL_ERROR, what);
    }

    private void badPacket(Throwable cause) {
        if (cause instanceof MqttUnacceptableProtocolVersionException) {
            refuseConnect(MqttConnectReturnCode.CONNECTION_REFUSED_UNACCEPTABLE_PROTOCOL_VERSION, cause.toString());
            return;
        }
        if (cause instanceof MqttIdentifierRejectedException && !connected) {
            refuseConnect(MqttConnectReturnCode.CONNECTION_REFUSED_IDENTIFIER_REJECTED, cause.toString());
            return;
        }
        boolean tooBig = cause instanceof TooLongFrameException;
        refusals.count(tooBig ? MqttRefusal.TOO_BIG : MqttRefusal.MALFORMED);
        LOG.debug("{}: bad packet from {}: {}", MqttTransport.PID, ctx.channel().remoteAddress(), cause.toString());
        publishWill();
        closeWith(tooBig ? MqttPackets.PACKET_TOO_LARGE : MqttPackets.MALFORMED, String.valueOf(cause.getMessage()));
    }

    private void publishWill() {
        Will w = will;
        will = null;
        if (w != null && router != null) send(w.message(), w.qos());
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent && !ending) {
            refusals.count(MqttRefusal.KEEP_ALIVE);
            publishWill();
            closeWith(MqttPackets.KEEP_ALIVE_TIMEOUT, "keep-alive expired");
        } else if (event instanceof SslHandshakeCompletionEvent handshake && !handshake.isSuccess()) {
            refusals.count(MqttRefusal.TLS_FAILED);
            ctx.close();
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            LOG.debug("{}: I/O error on {}, closing: {}", MqttTransport.PID, ctx.channel().remoteAddress(), cause.toString());
        } else {
            LOG.warn("{}: unexpected error on {}, closing", MqttTransport.PID, ctx.channel().remoteAddress(), cause);
        }
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (persistent && router != null && clientIds.isCurrent(clientId, this)) park();
        publishWill();   // an end without a clean DISCONNECT
        if (clientId != null) clientIds.remove(clientId, this);
        super.channelInactive(ctx);
    }

    /**
     * The client went and its session persists: a parked router session takes over its subscriptions (before this
     * one closes, so nothing falls between) and the messages it had not acknowledged, until it comes back or the
     * session expires. A client taken over by a newer connection is not parked: the newer one starts afresh.
     */
    private void park() {
        ParkedSession parked = ParkedSession.open(clientId, subscriptions, window.takeState(), context, context.acceptor());
        if (parked == null) return;   // the router is at its limit: the session ends
        String id = clientId;
        parked.expireAfter(ctx.executor().schedule(() -> {
            context.parked().remove(id, parked);
            parked.discard();
        }, expirySeconds, TimeUnit.SECONDS));
        context.parked().put(id, parked);
    }

    /** Hands one CLASP message to the router; false if it cannot be encoded (too large for a frame). */
    private boolean send(Message message, QoS qos) {
        ByteBuf frame;
        try {
            frame = CODEC.encode(new Frame(message, qos, null), ctx.alloc());
        } catch (EncodeException e) {
            LOG.debug("{}: {} from {} cannot be a CLASP frame: {}", MqttTransport.PID, message.type(), clientId, e.getMessage());
            return false;
        }
        try {
            deliver(frame);
        } finally {
            frame.release();
        }
        return true;
    }
}
