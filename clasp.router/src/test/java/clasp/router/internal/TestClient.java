package clasp.router.internal;
import clasp.router.internal.session.TrafficCounters;
import clasp.router.internal.delivery.OutboundQos;
import clasp.router.internal.session.NetworkSession;
import clasp.router.internal.session.SessionGate;

import clasp.api.Feature;
import clasp.api.message.Frame;
import clasp.api.message.HelloMessage;
import clasp.api.message.Message;
import clasp.api.message.WelcomeMessage;
import clasp.protocol.ClaspCodec;
import clasp.protocol.transport.ConnectionHandler;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/** A client on an in-memory connection to a router: sends messages or raw bytes, takes what the router sent. */
class TestClient {
    private static final HexFormat HEX = HexFormat.ofDelimiter(" ").withUpperCase();

    final TestConnection conn = new TestConnection();
    final ConnectionHandler handler;
    String session;

    TestClient(RouterComponent router) { this.handler = router.accept(conn); }

    /** A connection straight to a core, without the component's timers. */
    TestClient(RouterCore core) {
        SessionGate gate = new SessionGate(Integer.MAX_VALUE, Integer.MAX_VALUE);
        gate.enter();
        this.handler = new NetworkSession(core, conn, gate, TrafficCounters.NONE);
    }

    /** Sends HELLO, keeps the session id from WELCOME and clears WELCOME and the initial SNAPSHOT. */
    TestClient hello() {
        send(new HelloMessage(1, Set.of(Feature.PARAM), "test", null));
        session = ((WelcomeMessage) conn.messages().get(0)).session();
        conn.clear();
        return this;
    }

    /** Sends {@code m} in a frame with its default QoS. */
    void send(Message m) { send(Frame.of(m)); }

    void send(Frame f) { raw(encode(f)); }

    void raw(byte[] bytes) { handler.frameReceived(Unpooled.wrappedBuffer(bytes)); }

    /** Sends the bytes written as hex pairs, e.g. {@code "53 01 00 01 41"}. */
    void hex(String hex) { raw(bytes(hex)); }

    /** The messages the router sent since the last take, decoded. */
    List<Message> take() {
        List<Message> m = conn.messages();
        conn.clear();
        return m;
    }

    List<Frame> takeFrames() {
        List<Frame> f = conn.frames();
        conn.clear();
        return f;
    }

    /** The frames the router sent since the last take, as hex. */
    List<String> takeHex() {
        List<String> out = new ArrayList<>();
        synchronized (conn) {
            for (byte[] b : conn.sent) out.add(hex(b));
            conn.clear();
        }
        return out;
    }

    /** The router's session behind this connection. */
    NetworkSession handlerSession() { return (NetworkSession) handler; }

    /** The transport reports the connection closed. */
    void disconnect() { handler.closed(); }

    static byte[] encode(Frame f) {
        try {
            return ClaspCodec.defaults().encode(f);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The message in a frame written as hex. */
    static Message decode(String hex) {
        try {
            return ClaspCodec.defaults().decode(bytes(hex)).message();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static byte[] bytes(String hex) { return HEX.parseHex(hex); }

    static String hex(byte[] bytes) { return HEX.formatHex(bytes); }

    /** {@code m} framed as the router originates it: its outbound QoS (§10), no timestamp. */
    static String routerHex(Message m) { return hex(encode(new Frame(m, OutboundQos.of(m), null))); }
}
