package clasp.adapter.mqtt.internal;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.mqtt.MqttMessageType;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * The messages to one client and its in-flight window: at most {@code capacity} QoS 1 and 2 PUBLISHes unacknowledged
 * (MQTT 5 Receive Maximum), each with its packet id, until PUBACK (QoS 1) or PUBREC, PUBREL, PUBCOMP (QoS 2). Messages
 * beyond the window wait here in order, QoS 0 behind them too, so the client gets every message in the order the
 * router sent it; their bytes are reported to {@code held}. Event loop only.
 */
final class OutboundWindow {
    /** A message for the client. */
    record Outgoing(String topic, byte[] payload, int qos, boolean retain) {
        long bytes() {
            return topic.length() + payload.length + 8L;
        }
    }

    private final ChannelHandlerContext ctx;
    private final int capacity;
    private final LongConsumer held;
    private final int clientMaxPacket;
    private final Runnable tooBig;
    /** What a persistent session keeps of its window while its client is away: in flight (in order) and waiting. */
    record State(Map<Integer, Outgoing> inFlight, java.util.Set<Integer> released, java.util.List<Outgoing> waiting) {
    }

    private final Map<Integer, Outgoing> inFlight = new LinkedHashMap<>();
    private final java.util.Set<Integer> released = new java.util.HashSet<>();   // PUBREC seen, PUBREL sent
    private final ArrayDeque<Outgoing> waiting = new ArrayDeque<>();
    private long waitingBytes;
    private int nextId = 1;

    /**
     * @param ctx             where the packets are written (toward the encoder)
     * @param clientMaxPacket the MQTT 5 client's Maximum Packet Size: a larger PUBLISH is not sent ({@code tooBig} counts it)
     */
    OutboundWindow(ChannelHandlerContext ctx, int capacity, int clientMaxPacket, LongConsumer held, Runnable tooBig) {
        this.ctx = ctx;
        this.capacity = capacity;
        this.clientMaxPacket = clientMaxPacket;
        this.held = held;
        this.tooBig = tooBig;
    }

    /** Writes {@code message} now if the window allows, else queues it; the caller flushes. */
    void offer(Outgoing message) {
        if (clientMaxPacket != Integer.MAX_VALUE && largestPacket(message) > clientMaxPacket) {
            tooBig.run();
            return;
        }
        if (waiting.isEmpty() && (message.qos() == 0 || inFlight.size() < capacity)) {
            write(message);
        } else {
            waiting.add(message);
            waitingBytes += message.bytes();
            held.accept(waitingBytes);
        }
    }

    /** The PUBLISH's size with the largest headers: fixed header 5, topic length 2, packet id 2, properties 1. */
    private static long largestPacket(Outgoing m) {
        return 10L + m.topic().getBytes(java.nio.charset.StandardCharsets.UTF_8).length + m.payload().length;
    }

    /** PUBACK from the client. */
    void acked(int packetId) {
        Outgoing done = inFlight.get(packetId);
        if (done != null && done.qos() == 1) complete(packetId);
    }

    /** PUBREC from the client: PUBREL goes out, the id stays in flight until PUBCOMP. */
    void received(int packetId) {
        if (inFlight.containsKey(packetId)) released.add(packetId);
        ctx.writeAndFlush(MqttPackets.reply(MqttMessageType.PUBREL, packetId,
                inFlight.containsKey(packetId) ? MqttPackets.SUCCESS : 0x92));   // 0x92: packet identifier not found
    }

    /** PUBCOMP from the client. */
    void completed(int packetId) {
        Outgoing done = inFlight.get(packetId);
        if (done != null && done.qos() == 2) complete(packetId);
    }

    int inFlight() {
        return inFlight.size();
    }

    /** The window's messages, handed to a parked session; the window is empty afterwards. */
    State takeState() {
        State state = new State(new LinkedHashMap<>(inFlight), new java.util.HashSet<>(released), new java.util.ArrayList<>(waiting));
        inFlight.clear();
        released.clear();
        waiting.clear();
        waitingBytes = 0;
        held.accept(0);
        return state;
    }

    /**
     * A resumed session: its unacknowledged PUBLISHes again with DUP=1 and their packet ids, PUBREL for those the
     * client had received, in their order, then the messages queued while it was away. The caller flushes.
     */
    void resume(State state, java.util.List<Outgoing> queued) {
        state.inFlight().forEach((id, m) -> {
            inFlight.put(id, m);
            if (state.released().contains(id)) {
                released.add(id);
                ctx.write(MqttPackets.reply(MqttMessageType.PUBREL, id, MqttPackets.SUCCESS), ctx.voidPromise());
            } else {
                ctx.write(MqttPackets.publish(m.topic(), m.payload(), m.qos(), m.retain(), true, id), ctx.voidPromise());
            }
        });
        state.waiting().forEach(this::offer);
        queued.forEach(this::offer);
    }

    private void complete(int packetId) {
        inFlight.remove(packetId);
        released.remove(packetId);
        boolean wrote = false;
        while (!waiting.isEmpty() && (waiting.peek().qos() == 0 || inFlight.size() < capacity)) {
            Outgoing next = waiting.poll();
            waitingBytes -= next.bytes();
            write(next);
            wrote = true;
        }
        if (wrote) {
            held.accept(waitingBytes);
            ctx.flush();
        }
    }

    private void write(Outgoing m) {
        int id = 0;
        if (m.qos() > 0) {
            id = nextFreeId();
            inFlight.put(id, m);
        }
        ctx.write(MqttPackets.publish(m.topic(), m.payload(), m.qos(), m.retain(), false, id), ctx.voidPromise());
    }

    private int nextFreeId() {
        while (inFlight.containsKey(nextId)) {
            nextId = nextId == 65535 ? 1 : nextId + 1;
        }
        int id = nextId;
        nextId = nextId == 65535 ? 1 : nextId + 1;
        return id;
    }
}
