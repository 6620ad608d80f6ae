package clasp.router.internal.session;

import clasp.router.internal.RouterCore;
import clasp.router.internal.clock.Micros;
import clasp.router.internal.clock.RouterClock;
import clasp.router.internal.delivery.Chunks;
import clasp.router.internal.param.Params;

import clasp.api.message.*;
import clasp.api.router.ClaspException;
import clasp.api.router.ErrorCodes;
import clasp.protocol.DecodeException;
import clasp.protocol.transport.Connection;
import clasp.protocol.transport.ConnectionHandler;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import clasp.api.router.SessionInfo;
import clasp.api.auth.Principal;
import clasp.api.store.ParamRecord;

/**
 * A session on a network connection. The transport calls {@link #frameReceived} from one thread at a time,
 * so frames are handled strictly in order; deliveries arrive from any thread.
 */
public final class NetworkSession extends Session implements ConnectionHandler {
    private enum State { AWAITING_HELLO, ACTIVE, CLOSED }

    private static final long NOTICE_INTERVAL_NANOS = 1_000_000_000L;
    private static final long WINDOW_NANOS = 10_000_000_000L;
    private static final int DROP_NOTICE_THRESHOLD = 100;

    private final RouterCore core;
    private final Connection connection;
    private final SessionGate gate;
    private final TrafficCounters traffic;
    private final long openedAt = Micros.now();
    private volatile String clientName = "";
    private volatile long framesIn;   // written by the transport's thread only
    private final LongAdder framesOut = new LongAdder();
    private volatile State state = State.AWAITING_HELLO;
    private volatile RouterClock.Timeout helloTimeout;

    // Inbound limits; touched only by the transport's thread for this connection.
    private long rateSecond;
    private int rateCount;
    private long lastRateNotice = Long.MIN_VALUE / 2;
    private long malformedWindowStart;
    private int malformedCount;
    private long lastMalformedNotice = Long.MIN_VALUE / 2;

    // Back-pressure (D2): guarded by this; pendingSets non-null while SETs are being coalesced.
    private volatile Map<String, ByteBuf> pendingSets;
    private long unwritableSince;
    private long dropWindowStart;
    private int dropsInWindow;
    private long lastDropNotice = Long.MIN_VALUE / 2;

    public NetworkSession(RouterCore core, Connection connection, SessionGate gate, TrafficCounters traffic) {
        super(Session.newId());
        this.core = core;
        this.connection = connection;
        this.gate = gate;
        this.traffic = traffic;
        traffic.open.incrementAndGet();
    }

    public SessionInfo info() {
        return new SessionInfo(id(), clientName, connection.remoteAddress() + " via " + traffic.origin,
                subscriptionCount(), framesIn, framesOut.sum(), openedAt);
    }

    public Connection connection() { return connection; }

    public void helloTimeout(RouterClock.Timeout t) { this.helloTimeout = t; }

    public boolean awaitingHello() { return state == State.AWAITING_HELLO; }

    @Override public boolean echoes() { return true; }

    @Override public boolean needsFrame() { return true; }

    @Override public boolean isOpen() { return state != State.CLOSED; }

    // ---- inbound

    @Override
    public void frameReceived(ByteBuf buf) {
        if (state == State.CLOSED) return;
        core.framesIn.increment();
        traffic.framesIn.increment();
        framesIn++;
        if (state == State.AWAITING_HELLO) {
            firstFrame(buf);
            return;
        }
        long now = System.nanoTime();
        if (overRate()) {
            if (now - lastRateNotice >= NOTICE_INTERVAL_NANOS) {
                lastRateNotice = now;
                reply(new ErrorMessage(ErrorCodes.RATE_LIMITED,
                        "Rate limit exceeded: " + core.settings().rateLimitPerSecond() + " messages/second"));
            }
            return;
        }
        Frame frame;
        try {
            frame = core.codec().decode(buf);
        } catch (DecodeException e) {
            malformed(e, now);
            return;
        }
        handle(frame.message());
    }

    /** D6: before the handshake, anything but a decodable HELLO closes the connection without a reply. */
    private void firstFrame(ByteBuf buf) {
        Message m;
        try {
            m = core.codec().decode(buf).message();
        } catch (DecodeException e) {
            close(Connection.CLOSE_PROTOCOL_ERROR, "first frame must be HELLO");
            return;
        }
        if (!(m instanceof HelloMessage)) {
            close(Connection.CLOSE_PROTOCOL_ERROR, "first frame must be HELLO");
            return;
        }
        if (helloTimeout != null) helloTimeout.cancel();
        clientName = ((HelloMessage) m).name();
        principal(Principal.OPEN);   // open mode: no token to check; authenticated mode will derive it here
        if (!gate.admit()) {
            close(Connection.CLOSE_TRY_AGAIN_LATER, "router at its session limit");
            return;
        }
        state = State.ACTIVE;
        core.register(this);
        greet();
    }

    private void greet() {
        reply(Greeting.welcome(id(), core.settings().name(), core.clock().nowMicros()));
        for (SnapshotMessage chunk : Greeting.snapshot(core.store())) reply(chunk);
    }

    /** D1: a fixed window per wall-clock second; 0 turns the limit off. */
    private boolean overRate() {
        int max = core.settings().rateLimitPerSecond();
        if (max <= 0) return false;
        long second = System.currentTimeMillis() / 1000;
        if (second != rateSecond) {
            rateSecond = second;
            rateCount = 0;
        }
        return ++rateCount > max;
    }

    private void malformed(DecodeException e, long now) {
        if (now - malformedWindowStart > WINDOW_NANOS) {
            malformedWindowStart = now;
            malformedCount = 0;
        }
        if (++malformedCount > core.settings().malformedLimit()) {
            close(Connection.CLOSE_PROTOCOL_ERROR, "too many malformed frames");
            return;
        }
        if (now - lastMalformedNotice >= NOTICE_INTERVAL_NANOS) {
            lastMalformedNotice = now;
            reply(new ErrorMessage(ErrorCodes.INVALID_MESSAGE, "Invalid message: " + e.getMessage()));
        }
    }

    private void handle(Message m) {
        try {
            switch (m.type()) {
                case HELLO -> rehello();
                case SET -> {
                    SetMessage set = (SetMessage) m;
                    reply(new AckMessage(set.address(), core.set(this, set), null, null, null));
                }
                case GET -> {
                    ParamRecord p = core.get(this, ((GetMessage) m).address());
                    if (p != null) reply(new SnapshotMessage(List.of(Params.entry(p))));
                }
                case SUBSCRIBE -> {
                    SubscribeMessage s = (SubscribeMessage) m;
                    List<ParamEntry> matching = core.subscribe(this, s.id(), s.pattern(), s.types(), s.options());
                    if (!matching.isEmpty()) for (SnapshotMessage chunk : Chunks.snapshots(matching)) reply(chunk);
                }
                case UNSUBSCRIBE -> core.unsubscribe(this, ((UnsubscribeMessage) m).id());
                case PUBLISH -> core.publish(this, (PublishMessage) m);
                case BUNDLE -> reply(new AckMessage(null, core.bundle(this, (BundleMessage) m), null, null, null));
                case SYNC -> {
                    long now = Micros.now();
                    reply(new SyncMessage(((SyncMessage) m).t1(), now, now));
                }
                case PING -> reply(PongMessage.INSTANCE);
                case ANNOUNCE -> {
                    AnnounceMessage a = (AnnounceMessage) m;
                    core.announce(this, a);
                    reply(new AckMessage(a.namespace(), null, null, null, null));
                }
                case QUERY -> {
                    for (ResultMessage r : core.query(this, ((QueryMessage) m).pattern())) reply(r);
                }
                default -> { }  // WELCOME, SNAPSHOT, ACK, ERROR, PONG, RESULT, REPLAY, FEDERATION_SYNC: ignored (§3.3)
            }
        } catch (ClaspException e) {
            reply(new ErrorMessage(e.code(), e.getMessage(), e.address(), null));
        }
    }

    /** HARDEN §3.4: a second HELLO retires the old session (subscriptions, locks) and starts a new one. */
    private void rehello() {
        core.remove(this);
        renew(Session.newId());
        core.register(this);
        greet();
    }

    // ---- outbound

    private void sent() {
        core.framesOut.increment();
        traffic.framesOut.increment();
        framesOut.increment();
    }

    @Override
    public void reply(Message m) {
        if (state == State.CLOSED) return;
        ByteBuf frame = core.encode(m);
        if (frame == null) return;
        sent();
        connection.send(frame);
    }

    @Override
    public void deliver(Message m, ByteBuf frame, List<SessionSubscription> matched) {
        if (state != State.ACTIVE) return;
        if (pendingSets == null && connection.isWritable()) {
            sent();
            connection.send(frame.retainedDuplicate());
            return;
        }
        congested(m, frame);
    }

    /** D2: while the peer cannot keep up, SETs are coalesced per address and everything else is dropped. */
    private synchronized void congested(Message m, ByteBuf frame) {
        long now = System.nanoTime();
        if (connection.isWritable()) {
            if (pendingSets != null) writable();   // it drained before the transport said so: held SETs go first
            sent();
            connection.send(frame.retainedDuplicate());
            return;
        }
        if (unwritableSince == 0) unwritableSince = now;
        if (now - unwritableSince > core.settings().stallTimeoutSeconds() * 1_000_000_000L
                || connection.queuedBytes() > core.settings().maxQueuedBytes()) {
            close(Connection.CLOSE_POLICY, "too slow to take its frames");
            return;
        }
        if (m instanceof SetMessage set) {
            if (pendingSets == null) pendingSets = new LinkedHashMap<>();
            ByteBuf older = pendingSets.remove(set.address());
            if (older != null) older.release();
            pendingSets.put(set.address(), frame.retainedDuplicate());
            if (connection.isWritable()) writable();   // it drained meanwhile: flush now
            return;
        }
        core.dropped.increment();
        countDrop(now);
    }

    /** §3.8: one 503 notice once 100 drops fall in a 10 s window, at most one per 10 s. */
    private void countDrop(long now) {
        if (now - dropWindowStart > WINDOW_NANOS) {
            dropWindowStart = now;
            dropsInWindow = 0;
        }
        dropsInWindow++;
        if (dropsInWindow >= DROP_NOTICE_THRESHOLD && now - lastDropNotice > WINDOW_NANOS) {
            lastDropNotice = now;
            reply(new ErrorMessage(ErrorCodes.BUFFER_OVERFLOW,
                    "Buffer overflow: messages being dropped (" + dropsInWindow + " drops in last 10 seconds)"));
        }
    }

    @Override
    public synchronized void writable() {
        unwritableSince = 0;
        Map<String, ByteBuf> pending = pendingSets;
        if (pending == null) return;
        List<ByteBuf> frames = new ArrayList<>(pending.values());
        pendingSets = null;
        for (ByteBuf f : frames) {
            sent();
            connection.send(f);
        }
    }

    /** Closes stalled sessions even when nothing more is sent to them; called by the reaper. */
    public synchronized boolean stalled(long now) {
        return unwritableSince != 0 && now - unwritableSince > core.settings().stallTimeoutSeconds() * 1_000_000_000L;
    }

    // ---- closing

    public void close(int code, String reason) {
        connection.close(code, reason);
        closed();
    }

    @Override
    public void closed() {
        State before;
        synchronized (this) {
            before = state;
            if (before == State.CLOSED) return;
            state = State.CLOSED;
            if (pendingSets != null) pendingSets.values().forEach(ByteBuf::release);
            pendingSets = null;
        }
        if (helloTimeout != null) helloTimeout.cancel();
        traffic.open.decrementAndGet();
        gate.leave(before == State.AWAITING_HELLO);
        if (before == State.ACTIVE) core.remove(this);
    }
}
