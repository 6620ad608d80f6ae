package clasp.router.internal.session;

import clasp.api.QoS;
import clasp.api.message.AckMessage;
import clasp.api.message.AnnounceMessage;
import clasp.api.message.BundleMessage;
import clasp.api.message.ErrorMessage;
import clasp.api.message.Frame;
import clasp.api.message.GetMessage;
import clasp.api.message.HelloMessage;
import clasp.api.message.Message;
import clasp.api.message.PongMessage;
import clasp.api.message.PublishMessage;
import clasp.api.message.QueryMessage;
import clasp.api.message.ReplayMessage;
import clasp.api.message.SetMessage;
import clasp.api.message.SnapshotMessage;
import clasp.api.message.SubscribeMessage;
import clasp.api.message.SyncMessage;
import clasp.api.message.UnsubscribeMessage;
import clasp.api.router.ClaspException;
import clasp.api.router.ErrorCodes;
import clasp.api.router.SessionInfo;
import clasp.api.auth.AuthenticationException;
import clasp.api.auth.Authenticator;
import clasp.api.auth.Credentials;
import clasp.api.auth.Principal;
import clasp.api.store.ParamRecord;
import clasp.protocol.ClaspCodec;
import clasp.protocol.DecodeException;
import clasp.protocol.transport.Connection;
import clasp.protocol.transport.ConnectionHandler;
import clasp.router.internal.InputLimits;
import clasp.router.internal.RouterCore;
import clasp.router.internal.clock.Micros;
import clasp.router.internal.clock.RouterClock;
import clasp.router.internal.delivery.WriterQos;
import clasp.router.internal.delivery.Chunks;
import clasp.router.internal.param.Params;
import clasp.router.internal.qos.RetryWindow;
import clasp.router.internal.session.Refusals.Kind;
import io.netty.buffer.ByteBuf;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;

/**
 * A session on a network connection: handshake, inbound limits and requests. The transport calls
 * {@link #frameReceived} from one thread at a time, so frames are handled strictly in order; deliveries arrive from
 * any thread and go to its {@link Outbound}.
 *
 * <p>Lifecycle. {@code state} changes under this object's monitor (a leaf lock): AWAITING_HELLO to ACTIVE (admitted
 * and registered in one step) or to CLOSED; ACTIVE to CLOSED. The cleanup that follows CLOSED (gate, locks,
 * subscriptions) runs exactly once, outside every lock: on the transport's {@link #closed} call, or on the router's
 * housekeeping executor when the router itself ends the session from a delivery path.
 */
public final class NetworkSession extends Session implements ConnectionHandler {
    private enum State { AWAITING_HELLO, ACTIVE, CLOSED }

    private static final long NOTICE_INTERVAL_NANOS = 1_000_000_000L;
    private static final long WINDOW_NANOS = 10_000_000_000L;
    /** The decode failures that are a configured limit rather than broken bytes. */
    private static final Set<DecodeException.Kind> LIMIT_KINDS = EnumSet.of(DecodeException.Kind.DEPTH,
            DecodeException.Kind.ARRAY_TOO_LONG, DecodeException.Kind.MAP_TOO_LARGE, DecodeException.Kind.STRING_TOO_LONG,
            DecodeException.Kind.BYTES_TOO_LONG);

    private final RouterCore core;
    private final Connection connection;
    private final SessionGate gate;
    private final TrafficCounters traffic;
    private final Outbound out;
    private final RetryWindow retries;   // the transport's thread only
    private final long openedAt = Micros.now();
    private volatile String clientName = "";
    private volatile long framesIn;   // written by the transport's thread only
    private volatile State state = State.AWAITING_HELLO;   // changed under this
    private volatile RouterClock.Timeout helloTimeout;

    // Inbound limits; touched only by the transport's thread for this connection.
    private long rateSecond;
    private int rateCount;
    private long lastRateNotice = Long.MIN_VALUE / 2;
    private long malformedWindowStart;
    private int malformedCount;
    private long lastMalformedNotice = Long.MIN_VALUE / 2;
    private long lastAddressRateNotice = Long.MIN_VALUE / 2;

    public NetworkSession(RouterCore core, Connection connection, SessionGate gate, TrafficCounters traffic) {
        super(Session.newId());
        this.core = core;
        this.connection = connection;
        this.gate = gate;
        this.traffic = traffic;
        this.out = new Outbound(core, connection, traffic, this::stoppedForBeingSlow);
        this.retries = new RetryWindow(core.settings().retryWindow());
        credentialed(true);
        traffic.open.incrementAndGet();
    }

    public SessionInfo info() {
        return new SessionInfo(id(), clientName, connection.remoteAddress() + " via " + traffic.origin,
                subscriptionCount(), framesIn, out.frames.sum(), openedAt, connection.peerIdentity(), traffic.origin,
                principal().name(), connection.queuedBytes());
    }

    public Connection connection() { return connection; }

    public void helloTimeout(RouterClock.Timeout t) { this.helloTimeout = t; }

    public boolean awaitingHello() { return state == State.AWAITING_HELLO; }

    @Override public boolean echoes() { return true; }

    @Override public boolean receivesWriterQos() { return connection.receivesWriterQos(); }

    @Override public boolean needsFrame() { return true; }

    @Override public boolean isOpen() { return state != State.CLOSED; }

    // ---- inbound

    @Override
    public void frameReceived(ByteBuf buf) {
        if (state == State.CLOSED || out.stopped()) return;
        core.framesIn.increment();
        core.counters.received(buf);
        traffic.framesIn.increment();
        framesIn++;
        heard(core.clock().nowMicros());
        if (state == State.AWAITING_HELLO) {
            firstFrame(buf);
            return;
        }
        long now = System.nanoTime();
        if (overRate()) {
            core.refusals().count(Kind.RATE_LIMITED);
            if (rateCount == core.settings().rateLimitPerSecond() + 1) {
                // Not read again before its next second: a flood costs the router nothing more meanwhile.
                connection.pauseReading(Math.max(1, (1_000_000 - heardMicros() % 1_000_000) / 1_000));
            }
            if (now - lastRateNotice >= NOTICE_INTERVAL_NANOS) {
                lastRateNotice = now;
                reply(new ErrorMessage(ErrorCodes.RATE_LIMITED,
                        "Rate limit exceeded: " + core.settings().rateLimitPerSecond() + " messages/second"));
            }
            return;
        }
        int start = buf.readerIndex();
        Frame frame;
        try {
            frame = core.codec().decode(buf);
        } catch (DecodeException e) {
            malformed(e, now);
            return;
        }
        if (!admitted(frame.message(), now)) return;
        Long retryId = frame.retryId();
        if (retryId != null && RetryWindow.deduplicates(frame.message().type())) {
            int payloadStart = start + ClaspCodec.HEADER_BYTES + ClaspCodec.TIMESTAMP_BYTES;
            retried(retryId, RetryWindow.fingerprint(buf, payloadStart, buf.getUnsignedShort(start + 2)), frame);
            return;
        }
        handle(frame);
    }

    /** A write marked retryable: a repeat of one already applied gets the first one's reply again and changes nothing. */
    private void retried(long retryId, long fingerprint, Frame frame) {
        if (retries.isRepeat(retryId, fingerprint)) {
            Message first = retries.replyTo(retryId);
            if (first != null) reply(first);
            return;
        }
        try {
            Message ack = write(frame.message(), frame.qos());
            retries.applied(retryId, fingerprint, ack);
            if (ack != null) reply(ack);
        } catch (ClaspException e) {
            reply(new ErrorMessage(e.code(), e.getMessage(), e.address(), null));
        }
    }

    /** D6: before the handshake, anything but a decodable HELLO closes the connection without a reply. */
    private void firstFrame(ByteBuf buf) {
        Message m;
        try {
            m = core.codec().decode(buf).message();
        } catch (DecodeException e) {
            m = null;
        }
        if (!(m instanceof HelloMessage hello)) {
            core.refusals().count(Kind.MALFORMED);
            close(Connection.CLOSE_PROTOCOL_ERROR, "first frame must be HELLO");
            return;
        }
        RouterClock.Timeout timeout = helloTimeout;
        if (timeout != null) timeout.cancel();
        clientName = hello.name();
        Principal p = authenticated(hello);
        if (p == null) return;
        principal(p);
        if (!admit()) {
            if (state == State.CLOSED) return;
            core.refusals().count(Kind.SESSION_LIMIT);
            close(Connection.CLOSE_TRY_AGAIN_LATER, "router at its session limit");
            return;
        }
        greet();
    }

    /**
     * Open mode: everything is granted (to the transport's identity, if any). Authenticated mode: the authenticator's
     * principal, or null after ERROR 300/302/500 with the §11 text and a close (no WELCOME).
     */
    private Principal authenticated(HelloMessage hello) {
        Authenticator a = core.authenticator();
        if (a == null) return openPrincipal(connection.peerIdentity());
        int code;
        String message;
        try {
            Principal p = a.authenticate(new Credentials(hello.token(), connection.peerIdentity(), peer(), traffic.origin));
            if (p != null) return p;
            code = ErrorCodes.UNAUTHORIZED;
            message = "Invalid token: no principal";
        } catch (AuthenticationException e) {
            code = e.code();
            message = e.getMessage();
        } catch (RuntimeException e) {
            code = ErrorCodes.INTERNAL;
            message = "Server misconfiguration";
        }
        core.refusals().count(Kind.AUTH_FAILED);
        core.audit().helloRefused(peer(), traffic.origin, code, message);
        answer(new ErrorMessage(code, message));   // queued before the close, which sends what is queued first
        synchronized (this) {
            if (state != State.AWAITING_HELLO) return null;   // the hello timer closed it meanwhile
            state = State.CLOSED;
        }
        connection.close(Connection.CLOSE_POLICY, "authentication failed");
        cleanup(State.AWAITING_HELLO);
        return null;
    }

    @Override public String peer() { return String.valueOf(connection.remoteAddress()); }

    /** Its credentials no longer hold: ERROR 300, then the connection closes (1008). */
    public void withdrawn() {
        reply(new ErrorMessage(ErrorCodes.UNAUTHORIZED, "Invalid token: credentials no longer valid"));
        connection.close(Connection.CLOSE_POLICY, "credentials no longer valid");
        closed();
    }

    /** Open mode: everything is granted, to the identity the transport reports (a certificate subject, an MQTT client id) if any. */
    static Principal openPrincipal(String peerIdentity) {
        return peerIdentity == null || peerIdentity.isBlank() ? Principal.OPEN : new Principal(peerIdentity, Set.of(Principal.ALL));
    }

    /** Admits and registers the session in one step, unless it closed meanwhile or the router is full. */
    private synchronized boolean admit() {
        if (state != State.AWAITING_HELLO || !gate.admit()) return false;
        state = State.ACTIVE;
        core.register(this);
        return true;
    }

    private void greet() {
        if (!answer(Greeting.welcome(id(), core.settings().name(), core.clock().nowMicros()))) return;
        core.counters.handshake();
        if (!connection.sendsInitialSnapshot()) return;
        out.paced(Chunks.pacedSnapshots(core.matching(null).iterator(), e -> core.current(this, e), true));
    }

    /** D1: a fixed window per wall-clock second; 0 turns the limit off. */
    private boolean overRate() {
        int max = core.settings().rateLimitPerSecond();
        if (max <= 0) return false;
        long second = heardMicros() / 1_000_000;   // the router clock (read once per frame, on arrival): one a test can move
        if (second != rateSecond) {
            rateSecond = second;
            rateCount = 0;
        }
        return ++rateCount > max;
    }

    /**
     * The input limits a decoded frame passes before it is applied: its addresses (ERROR 200), the paced replies
     * already on their way to this session (ERROR 429) and its writes per second to each address (ERROR 429, at most
     * one notice per second). Each refusal is counted; nothing of a refused frame is applied.
     */
    private boolean admitted(Message m, long now) {
        InputLimits limits = core.settings().input();
        try {
            AddressLimits.check(m, limits);
        } catch (ClaspException e) {
            core.refusals().count(Kind.ADDRESS_LIMIT);
            reply(new ErrorMessage(e.code(), e.getMessage(), e.address(), null));
            return false;
        }
        int maxPending = limits.maxPendingRequestsPerSession();
        String requested = pacedRequest(m);
        if (requested != null && maxPending > 0 && out.pacedReplies() >= maxPending) {
            core.refusals().count(Kind.PENDING_LIMIT);
            reply(new ErrorMessage(ErrorCodes.RATE_LIMITED, "Too many pending requests (max " + maxPending + ")", requested, null));
            return false;
        }
        int maxWrites = limits.addressRateLimitPerSecond();
        String over = overAddressRate(m, maxWrites, heardMicros());
        if (over == null) return true;
        core.refusals().count(Kind.ADDRESS_RATE_LIMITED);
        if (now - lastAddressRateNotice >= NOTICE_INTERVAL_NANOS) {
            lastAddressRateNotice = now;
            reply(new ErrorMessage(ErrorCodes.RATE_LIMITED, addressRateText(over, maxWrites), over, null));
        }
        return false;
    }

    /** The address or pattern of a request whose reply waits behind paced ones (SUBSCRIBE, GET, QUERY, REPLAY), else null. */
    private static String pacedRequest(Message m) {
        if (m instanceof SubscribeMessage s) return s.pattern();
        if (m instanceof GetMessage g) return g.address();
        if (m instanceof QueryMessage q) return q.pattern();
        if (m instanceof ReplayMessage r) return r.pattern();
        return null;
    }

    private void malformed(DecodeException e, long now) {
        if (LIMIT_KINDS.contains(e.kind())) core.refusals().count(Kind.DECODE_LIMIT);
        if (now - malformedWindowStart > WINDOW_NANOS) {
            malformedWindowStart = now;
            malformedCount = 0;
        }
        if (++malformedCount > core.settings().malformedLimit()) {
            core.refusals().count(Kind.MALFORMED);
            close(Connection.CLOSE_PROTOCOL_ERROR, "too many malformed frames");
            return;
        }
        if (now - lastMalformedNotice >= NOTICE_INTERVAL_NANOS) {
            lastMalformedNotice = now;
            reply(new ErrorMessage(ErrorCodes.INVALID_MESSAGE, "Invalid message: " + e.getMessage()));
        }
    }

    private void handle(Frame frame) {
        Message m = frame.message();
        try {
            switch (m.type()) {
                case HELLO -> rehello();
                case SET, PUBLISH, BUNDLE -> {
                    Message ack = write(m, frame.qos());
                    if (ack != null) reply(ack);
                }
                case GET -> {
                    ParamRecord p = core.get(this, ((GetMessage) m).address());
                    if (p != null) reply(new SnapshotMessage(List.of(Params.entry(p))));
                }
                case SUBSCRIBE -> {
                    SubscribeMessage s = (SubscribeMessage) m;
                    core.subscribe(this, s.id(), s.pattern(), s.types(), s.options());
                    out.paced(Chunks.pacedSnapshots(core.matching(s.pattern()).iterator(), e -> core.current(this, e), false));
                    for (PublishMessage p : core.history(this, s.id())) reply(p);   // queued behind the snapshot
                }
                case UNSUBSCRIBE -> core.unsubscribe(this, ((UnsubscribeMessage) m).id());
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
                case QUERY -> out.paced(Chunks.pacedResults(core.query(this, ((QueryMessage) m).pattern()).iterator()));
                case REPLAY -> out.paced(core.replay(this, (ReplayMessage) m));
                default -> { }  // WELCOME, SNAPSHOT, ACK, ERROR, PONG, RESULT, FEDERATION_SYNC: ignored (§3.3)
            }
        } catch (ClaspException e) {
            reply(new ErrorMessage(e.code(), e.getMessage(), e.address(), null));
        }
    }

    /**
     * Applies a SET, PUBLISH or BUNDLE and returns its ACK, or null when its QoS asks for none. A SET is ACKed at
     * every QoS; a PUBLISH or BUNDLE at Confirm and Commit only (Fire and the reserved QoS 3 get none). A bundle
     * scheduled ahead is ACKed on receipt without a revision. At Commit, applied SETs are made durable before the ACK.
     */
    private Message write(Message m, QoS qos) throws ClaspException {
        WriterQos.set(qos);   // for recipients that take the writer's QoS (MQTT); the fan-out runs on this thread
        try {
            return apply(m, qos);
        } finally {
            WriterQos.clear();
        }
    }

    private Message apply(Message m, QoS qos) throws ClaspException {
        boolean acked = qos != QoS.FIRE;
        switch (m.type()) {
            case SET -> {
                SetMessage set = (SetMessage) m;
                long revision = core.set(this, set);
                if (qos == QoS.COMMIT) core.makeDurable();
                return new AckMessage(set.address(), revision, null, null, null);
            }
            case PUBLISH -> {
                PublishMessage p = (PublishMessage) m;
                core.publish(this, p);
                return acked ? new AckMessage(p.address(), null, null, null, null) : null;
            }
            case BUNDLE -> {
                BundleMessage b = (BundleMessage) m;
                if (core.scheduleBundle(this, b)) return acked ? new AckMessage(null, null, null, null, null) : null;
                Long revision = core.bundle(this, b);
                if (qos == QoS.COMMIT && revision != null) core.makeDurable();
                return acked ? new AckMessage(null, revision, null, null, null) : null;
            }
            default -> throw new IllegalArgumentException("not a write: " + m.type());
        }
    }

    /** HARDEN §3.4: a second HELLO retires the old session (subscriptions, locks) and starts a new one. */
    private void rehello() {
        core.remove(this);
        synchronized (this) {
            if (state != State.ACTIVE) return;
            renew(Session.newId());
            core.register(this);
        }
        greet();
    }

    // ---- outbound

    @Override
    public void reply(Message m) { answer(m); }

    /** A direct reply, in order behind unfinished paced ones; false once the connection has been closed. */
    private boolean answer(Message m) {
        return state != State.CLOSED && out.reply(m);
    }

    @Override
    public void deliver(Message m, ByteBuf frame, List<SessionSubscription> matched) {
        if (state == State.ACTIVE) out.deliver(m, frame);
    }

    @Override
    public void writable() { out.writable(); }

    /** Whether the session has been unable to take frames past the stall bound; called by the reaper. */
    public boolean stalled(long now) { return out.stalled(now); }

    /** Ends a session too slow to take its frames: 1008 at once, unsent frames discarded. */
    public void stopSlow() { out.stop(); }

    /** Runs once, possibly under a stripe and the outbound monitor: cleanup must wait for a thread without locks. */
    private void stoppedForBeingSlow() {
        core.refusals().count(Kind.SLOW_CONSUMER);
        try {
            core.housekeeping().execute(this::closed);
        } catch (RejectedExecutionException stopping) {
            // The router is stopping: the transport's closed() call cleans up.
        }
    }

    // ---- closing

    /** Closes after the frames already queued, and cleans up now; for callers that hold no lock. */
    public void close(int code, String reason) {
        connection.close(code, reason);
        closed();
    }

    /** The hello timer fired: closes the connection unless HELLO won the race. */
    public void helloTimedOut() {
        synchronized (this) {
            if (state != State.AWAITING_HELLO) return;
            state = State.CLOSED;
        }
        core.refusals().count(Kind.HELLO_TIMEOUT);
        connection.close(Connection.CLOSE_PROTOCOL_ERROR, "no HELLO in time");
        cleanup(State.AWAITING_HELLO);
    }

    @Override
    public void closed() { cleanup(markClosed()); }

    /** The state before; from now on CLOSED. */
    private synchronized State markClosed() {
        State before = state;
        state = State.CLOSED;
        return before;
    }

    /** Runs once, for the call that moved the session to CLOSED; with no lock held. */
    private void cleanup(State before) {
        if (before == State.CLOSED) return;
        out.release();
        RouterClock.Timeout timeout = helloTimeout;
        if (timeout != null) timeout.cancel();
        traffic.open.decrementAndGet();
        gate.leave(before == State.AWAITING_HELLO);
        if (before == State.ACTIVE) core.remove(this);
    }
}
