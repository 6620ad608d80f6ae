package clasp.adapter.mqtt.internal;

import clasp.adapter.mqtt.internal.Replies.FilterReply;
import clasp.adapter.mqtt.internal.Replies.Pending;
import clasp.adapter.mqtt.internal.Replies.PublishReply;
import clasp.adapter.mqtt.internal.Replies.SubscribeReply;
import clasp.adapter.mqtt.internal.Replies.UnsubscribeReply;
import clasp.api.NullValue;
import clasp.api.Value;
import clasp.api.message.ErrorMessage;
import clasp.api.message.Frame;
import clasp.api.message.ParamEntry;
import clasp.api.message.PublishMessage;
import clasp.api.message.SetMessage;
import clasp.api.message.SnapshotMessage;
import clasp.api.router.ErrorCodes;
import clasp.mqtt.mapping.TopicFilters;
import clasp.protocol.DecodeException;
import clasp.protocol.transport.Connection;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the router sends to an MQTT client, translated on its way out, in the connection's one order: WELCOME ⇒
 * CONNACK; the replies a packet waits for ({@link Replies}) ⇒ PUBACK/PUBREC, SUBACK followed by the retained messages
 * of each filter (its snapshot, retain=1, Null left out), UNSUBACK; a SET or a PUBLISH with a value ⇒ PUBLISH
 * (retain=0) at the best QoS granted among the matching filters (0 for a frame at QoS Fire); the close ⇒ MQTT 5
 * DISCONNECT with a reason, or a refused CONNACK before the session began. Anything else is consumed. MQTT packets
 * written by {@link MqttSession} pass through. Event loop only.
 */
final class ClaspToMqtt extends ChannelOutboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(ClaspToMqtt.class);

    private final MqttSession session;
    // While a SUBSCRIBE waits for its answers: the revision of each param delivered live meanwhile. A snapshot entry
    // older than it is not replayed, so a retained message never follows a newer live one.
    private final Map<String, Long> liveRevisions = new HashMap<>();

    ClaspToMqtt(MqttSession session) {
        this.session = session;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof MqttWire.CloseRequest close) {
            close(ctx, close, promise);
        } else if (msg instanceof ByteBuf frame && frame.isReadable()) {
            Frame decoded;
            try {
                decoded = LastFrame.get().decode(frame);
            } catch (DecodeException e) {
                LOG.warn("{}: undecodable frame from the router to {}: {}", MqttTransport.PID, session.clientId, e.getMessage());
                return;
            } finally {
                frame.release();
                if (!promise.isVoid()) promise.trySuccess();
            }
            translate(ctx, decoded);
        } else {
            ctx.write(msg, promise);
        }
    }

    private void translate(ChannelHandlerContext ctx, Frame frame) {
        switch (frame.message().type()) {
            case WELCOME -> welcome(ctx);
            case ACK -> {
                if (session.replies.head() instanceof PublishReply p) {
                    session.replies.poll();
                    answer(ctx, p, MqttPackets.SUCCESS);
                }
            }
            case ERROR -> error(ctx, (ErrorMessage) frame.message());
            case PONG -> pong(ctx);
            case SNAPSHOT -> {
                if (session.replies.head() instanceof FilterReply f) f.retained.addAll(((SnapshotMessage) frame.message()).params());
            }
            case SET -> {
                SetMessage set = (SetMessage) frame.message();
                if (session.replies.subscribing() && set.revision() != null) liveRevisions.put(set.address(), set.revision());
                live(set.address(), set.value(), frame.qos().code(), true);
            }
            case PUBLISH -> {
                PublishMessage p = (PublishMessage) frame.message();
                if (p.value() != null) live(p.address(), p.value(), frame.qos().code(), false);
            }
            default -> { }   // PONG of nothing, SYNC, RESULT, …: nothing for an MQTT client
        }
    }

    private void welcome(ChannelHandlerContext ctx) {
        MqttProperties properties = MqttProperties.NO_PROPERTIES;
        if (session.v5) {
            properties = new MqttProperties();
            properties.add(new MqttProperties.IntegerProperty(MqttProperties.MqttPropertyType.SHARED_SUBSCRIPTION_AVAILABLE.value(), 0));
            properties.add(new MqttProperties.IntegerProperty(MqttProperties.MqttPropertyType.SUBSCRIPTION_IDENTIFIER_AVAILABLE.value(), 0));
            properties.add(new MqttProperties.IntegerProperty(MqttProperties.MqttPropertyType.MAXIMUM_PACKET_SIZE.value(),
                    session.settings.maxPacketBytes()));
            if (session.assignedClientId) {
                properties.add(new MqttProperties.StringProperty(MqttProperties.MqttPropertyType.ASSIGNED_CLIENT_IDENTIFIER.value(),
                        session.clientId));
            }
        }
        session.connAckSent = true;
        ctx.write(MqttPackets.connAck(MqttConnectReturnCode.CONNECTION_ACCEPTED, session.sessionPresent, properties),
                ctx.voidPromise());
        session.resumeWindow();
    }

    private static final int AUTH_EXPIRED = 302;

    private void error(ChannelHandlerContext ctx, ErrorMessage e) {
        if (!session.connAckSent && (e.code() == ErrorCodes.UNAUTHORIZED || e.code() == AUTH_EXPIRED)) {
            session.notAuthorized = true;   // the router's close follows: a refused CONNACK
        } else if (e.code() == ErrorCodes.RATE_LIMITED) {
            // The router dropped a request: the order of answers is lost, so the client goes.
            session.refusals.count(MqttRefusal.RATE_LIMITED);
            session.closeWith(MqttPackets.MESSAGE_RATE_TOO_HIGH, e.message());
        } else if (e.code() == ErrorCodes.BUFFER_OVERFLOW) {
            LOG.debug("{}: {} is too slow: {}", MqttTransport.PID, session.clientId, e.message());
        } else if (session.replies.head() instanceof PublishReply p) {
            session.replies.poll();
            if (!session.v5 && p.qos() > 0) session.refusals.count(MqttRefusal.PUBLISH_REFUSED);
            answer(ctx, p, refused(e.code()));
        } else if (session.replies.head() instanceof FilterReply f) {
            f.error = e.code();
        } else if (session.replies.head() instanceof Replies.Resubscribe r) {
            session.subscriptions.remove(r.filter());   // no longer allowed: forgotten
        }
    }

    private static int refused(int code) {
        return code == ErrorCodes.FORBIDDEN || code == ErrorCodes.UNAUTHORIZED || code == ErrorCodes.REJECTED
                ? MqttPackets.NOT_AUTHORIZED : MqttPackets.UNSPECIFIED;
    }

    private void answer(ChannelHandlerContext ctx, PublishReply p, int reason) {
        if (p.qos() == 1) {
            ctx.write(MqttPackets.reply(MqttMessageType.PUBACK, p.packetId(), reason), ctx.voidPromise());
        } else if (p.qos() == 2) {
            if (reason >= 0x80 && session.v5) session.qos2Refused(p.packetId());
            ctx.write(MqttPackets.reply(MqttMessageType.PUBREC, p.packetId(), reason), ctx.voidPromise());
        }
    }

    private void pong(ChannelHandlerContext ctx) {
        Pending head = session.replies.head();
        if (head instanceof Replies.Resubscribe) {
            session.replies.poll();
        } else if (head instanceof UnsubscribeReply u) {
            session.replies.poll();
            ctx.write(MqttPackets.unsubAck(u.packetId(), u.codes(), session.v5), ctx.voidPromise());
        } else if (head instanceof FilterReply f) {
            session.replies.poll();
            SubscribeReply packet = f.packet;
            if (f.index >= 0 && f.error != 0) {
                packet.codes[f.index] = session.v5 ? refused(f.error) : 0x80;
                session.subscriptions.restore(packet.filters[f.index], f.previous);
            }
            if (--packet.remaining == 0) subAck(ctx, packet);
            if (!session.replies.subscribing()) liveRevisions.clear();
        }
    }

    /** SUBACK, then each accepted filter's retained messages. */
    private void subAck(ChannelHandlerContext ctx, SubscribeReply packet) {
        ctx.write(MqttPackets.subAck(packet.packetId, packet.codes), ctx.voidPromise());
        for (int i = 0; i < packet.codes.length; i++) {
            FilterReply answer = packet.answers[i];
            if (answer == null || packet.codes[i] > 2 || !packet.sendRetained[i]) continue;
            for (ParamEntry entry : answer.retained) {
                if (entry.value() instanceof NullValue) continue;   // a cleared retained message
                Long live = liveRevisions.get(entry.address());
                if (live != null && live > entry.revision()) continue;   // a newer value already went out live
                String topic = session.topics.topic(entry.address());
                if (topic == null || !TopicFilters.matches(packet.filters[i], topic)) continue;
                byte[] payload = session.settings.payloads().encode(entry.value());
                if (payload == null) {
                    session.refusals.count(MqttRefusal.UNENCODABLE);
                    continue;
                }
                session.window().offer(new OutboundWindow.Outgoing(topic, payload, packet.codes[i], true));
            }
        }
    }

    private void live(String address, Value value, int frameQos, boolean fromParam) {
        String topic = session.topics.topic(address);
        if (topic == null) return;
        Subscriptions.Match match = session.subscriptions.match(topic);
        if (match.qos() < 0) return;   // no filter of this client matches (a '$' topic under a leading wildcard)
        // The frame carries its writer's QoS (receivesWriterQos; the router's own for API writes): MQTT delivers at the
        // lower of that and the QoS the filter was granted.
        int qos = Math.min(frameQos, match.qos());
        byte[] payload = LastFrame.get().payload(session.settings.payloads(), value);
        if (payload == null) {
            session.refusals.count(MqttRefusal.UNENCODABLE);
            return;
        }
        session.window().offer(new OutboundWindow.Outgoing(topic, payload, qos, fromParam && match.retainAsPublished()));
    }

    private void close(ChannelHandlerContext ctx, MqttWire.CloseRequest close, ChannelPromise promise) {
        int reason = close.code() >= MqttWire.REASON_BASE ? close.code() - MqttWire.REASON_BASE : reason(close.code());
        if (!session.connAckSent) {
            MqttConnectReturnCode code = session.notAuthorized
                    ? (session.v5 ? MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED_5 : MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED)
                    : session.v5 ? connAckCode(reason) : MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE;
            if (session.clientId != null) ctx.write(MqttPackets.connAck(code, MqttProperties.NO_PROPERTIES), ctx.voidPromise());
        } else if (session.v5) {
            ctx.write(MqttPackets.disconnect(reason), ctx.voidPromise());
        }
        ctx.write(Unpooled.EMPTY_BUFFER, promise);
    }

    private static MqttConnectReturnCode connAckCode(int reason) {
        try {
            return MqttConnectReturnCode.valueOf((byte) reason);
        } catch (IllegalArgumentException notAConnAckCode) {
            return MqttConnectReturnCode.CONNECTION_REFUSED_UNSPECIFIED_ERROR;
        }
    }

    /** The MQTT 5 reason for the router's close codes. */
    private static int reason(int code) {
        return switch (code) {
            case Connection.CLOSE_NORMAL -> MqttPackets.SUCCESS;
            case Connection.CLOSE_GOING_AWAY -> MqttPackets.SERVER_SHUTTING_DOWN;
            case Connection.CLOSE_PROTOCOL_ERROR -> MqttPackets.PROTOCOL_ERROR;
            case Connection.CLOSE_POLICY -> MqttPackets.QUOTA_EXCEEDED;
            case Connection.CLOSE_TOO_BIG -> MqttPackets.PACKET_TOO_LARGE;
            case Connection.CLOSE_TRY_AGAIN_LATER -> MqttPackets.SERVER_BUSY;
            default -> MqttPackets.UNSPECIFIED;
        };
    }
}
