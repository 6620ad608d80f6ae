package clasp.adapter.mqtt.internal;

import clasp.api.message.Frame;
import clasp.api.message.Message;
import clasp.api.message.PublishMessage;
import clasp.api.message.SetMessage;
import clasp.api.message.SubscribeMessage;
import clasp.protocol.ClaspCodec;
import clasp.protocol.DecodeException;
import clasp.protocol.EncodeException;
import clasp.protocol.transport.Connection;
import clasp.protocol.transport.ConnectionAcceptor;
import clasp.protocol.transport.ConnectionHandler;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;

/**
 * A persistent session while its client is away: a router connection without a socket that keeps the client's
 * subscriptions in the router and queues what they deliver at QoS 1 and 2 (bounded by {@code maxQueuedMessages};
 * past it new messages are dropped and counted; QoS 0 is dropped). It reports activity on every call, so the
 * router's idle timeout does not end it; its own expiry does. When the client comes back, {@link #resume} hands over
 * the subscriptions, the window it left and the queue, and the router connection is closed.
 *
 * <p>Threads: {@link #send} runs on any router thread, the rest on event loops; everything is guarded by this
 * object's monitor, a leaf lock (the router's {@code closed()} is called outside it).
 */
final class ParkedSession implements Connection {
    private static final ClaspCodec CODEC = ClaspCodec.defaults();

    /** What a resumed session takes over. */
    record Resumed(Subscriptions subscriptions, OutboundWindow.State window, List<OutboundWindow.Outgoing> queued) {
    }

    private final String clientId;
    private final Subscriptions subscriptions;   // guarded by this
    private final OutboundWindow.State window;
    private final List<OutboundWindow.Outgoing> queue = new ArrayList<>();   // guarded by this
    private final MqttSession.Context context;
    private long queuedBytes;                    // guarded by this
    private boolean ended;                       // guarded by this
    private ConnectionHandler router;
    private ScheduledFuture<?> expiry;

    private ParkedSession(String clientId, Subscriptions subscriptions, OutboundWindow.State window, MqttSession.Context context) {
        this.clientId = clientId;
        this.subscriptions = subscriptions;
        this.window = window;
        this.context = context;
    }

    /**
     * Opens the router session for the away client, subscribed as it was; null if the router refuses it. Runs on
     * the event loop of the connection that ended, before that connection's router session closes, so that no
     * message falls between the two.
     */
    static ParkedSession open(String clientId, Subscriptions subscriptions, OutboundWindow.State window,
                              MqttSession.Context context, ConnectionAcceptor acceptor) {
        ParkedSession parked = new ParkedSession(clientId, subscriptions, window, context);
        ConnectionHandler handler = acceptor.accept(parked);
        if (handler == null) return null;
        parked.router = handler;
        parked.deliver(new clasp.api.message.HelloMessage(1, java.util.Set.of(clasp.api.Feature.PARAM, clasp.api.Feature.EVENT),
                "mqtt:" + clientId, null));
        for (Subscriptions.Subscription sub : subscriptions.all()) {
            String pattern = context.topics().pattern(sub.filter());
            if (pattern != null) parked.deliver(new SubscribeMessage(sub.id(), pattern));
        }
        return parked;
    }

    /** The subscriptions the away client had, for the connection that resumes it. */
    synchronized java.util.Collection<Subscriptions.Subscription> subscriptions() {
        return subscriptions.all();
    }

    String clientId() {
        return clientId;
    }

    void expireAfter(ScheduledFuture<?> timer) {
        this.expiry = timer;
    }

    private void deliver(Message m) {
        ByteBuf frame;
        try {
            frame = CODEC.encode(Frame.of(m), ByteBufAllocator.DEFAULT);
        } catch (EncodeException e) {
            return;   // a HELLO or SUBSCRIBE of ours always fits
        }
        try {
            router.frameReceived(frame);
        } finally {
            frame.release();
        }
    }

    /** The client is back: its state, and this router session ends. Null if the session already ended. */
    Resumed resume() {
        Resumed resumed;
        synchronized (this) {
            if (ended) return null;
            ended = true;
            resumed = new Resumed(subscriptions, window, List.copyOf(queue));
            queue.clear();
        }
        end();
        return resumed;
    }

    /** The session expired, or a clean session replaced it, or the listener stops: everything of it goes. */
    void discard() {
        synchronized (this) {
            if (ended) return;
            ended = true;
            queue.clear();
        }
        end();
    }

    private void end() {
        if (expiry != null) expiry.cancel(false);
        if (router != null) router.closed();
    }

    @Override
    public void send(ByteBuf frame) {
        Message m;
        int frameQos;
        try {
            Frame decoded = CODEC.decode(frame);
            m = decoded.message();
            frameQos = decoded.qos().code();
        } catch (DecodeException e) {
            return;
        } finally {
            frame.release();
        }
        String address;
        clasp.api.Value value;
        boolean fromParam = false;
        if (m instanceof SetMessage set) {
            address = set.address();
            value = set.value();
            fromParam = true;
        } else if (m instanceof PublishMessage p && p.value() != null) {
            address = p.address();
            value = p.value();
        } else {
            return;   // WELCOME, SNAPSHOT (the client has its retained messages), ACK, …
        }
        String topic = context.topics().topic(address);
        if (topic == null || frameQos == 0) return;
        synchronized (this) {
            if (ended) return;
            Subscriptions.Match match = subscriptions.match(topic);
            int qos = Math.min(frameQos, match.qos());   // as it would have been delivered live
            if (qos == 0) return;   // QoS 0 is not queued for an away client
            if (queue.size() >= context.settings().maxQueuedMessages()) {
                context.refusals().count(MqttRefusal.QUEUE_FULL);
                return;
            }
            byte[] payload = context.settings().payloads().encode(value);
            if (payload == null) {
                context.refusals().count(MqttRefusal.UNENCODABLE);
                return;
            }
            OutboundWindow.Outgoing out = new OutboundWindow.Outgoing(topic, payload, qos, fromParam && match.retainAsPublished());
            queue.add(out);
            queuedBytes += out.bytes();
        }
    }

    @Override public String transport() { return MqttTransport.KIND; }
    @Override public String remoteAddress() { return "away"; }
    @Override public String peerIdentity() { return "mqtt:" + clientId; }
    @Override public boolean sendsInitialSnapshot() { return false; }
    @Override public boolean receivesWriterQos() { return true; }
    @Override public int maxFrameBytes() { return ClaspCodec.MAX_FRAME_BYTES; }
    @Override public boolean isWritable() { return true; }
    @Override public synchronized long queuedBytes() { return queuedBytes; }
    /** Always now: the router's idle timeout must not end a parked session; its expiry does. */
    @Override public long lastActivityNanos() { return System.nanoTime(); }

    /** The router ends the session (it stops, or a limit): the client will find no session. */
    @Override
    public void close(int code, String reason) {
        synchronized (this) {
            if (ended) return;
            ended = true;
            queue.clear();
        }
        if (expiry != null) expiry.cancel(false);
        context.parked().remove(clientId, this);
        if (router != null) router.closed();
    }

    @Override
    public void closeNow(int code, String reason) {
        close(code, reason);
    }
}
