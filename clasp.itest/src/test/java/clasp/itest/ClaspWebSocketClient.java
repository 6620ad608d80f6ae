package clasp.itest;

import clasp.api.message.Frame;
import clasp.api.message.HelloMessage;
import clasp.api.message.Message;
import clasp.api.message.WelcomeMessage;
import clasp.protocol.ClaspCodec;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A CLASP client over a real WebSocket (java.net.http, subprotocol "clasp"), frames encoded and decoded with
 * the project's codec. It records every message it receives with the time it arrived.
 */
final class ClaspWebSocketClient implements WebSocket.Listener, AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    static {
        // The codec's Netty would log through SLF4J, which finds no provider on this class path and says so.
        io.netty.util.internal.logging.InternalLoggerFactory.setDefaultFactory(
                io.netty.util.internal.logging.JdkLoggerFactory.INSTANCE);
    }

    /** A message and when it arrived ({@link System#nanoTime}). */
    record Received(long nanos, Message message) {
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private volatile Throwable error;
    private volatile Integer closeCode;
    private volatile String closeReason;
    private WebSocket socket;

    /** Connects to ws://127.0.0.1:port/, sends HELLO and waits for WELCOME. */
    static ClaspWebSocketClient connect(int port, String name) throws Exception {
        return connect(port, name, null);
    }

    /** Connects, sends HELLO with {@code token} (null: none) and waits for WELCOME. */
    static ClaspWebSocketClient connect(int port, String name, String token) throws Exception {
        ClaspWebSocketClient client = open(port);
        client.send(new HelloMessage(1, Set.of(), name, token));
        client.await(0, m -> m instanceof WelcomeMessage, Duration.ofSeconds(30));
        return client;
    }

    /** Opens the WebSocket to ws://127.0.0.1:port/ and sends nothing. */
    static ClaspWebSocketClient open(int port) throws Exception {
        ClaspWebSocketClient client = new ClaspWebSocketClient();
        client.socket = HTTP.newWebSocketBuilder().subprotocols("clasp")
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/"), client).get(10, TimeUnit.SECONDS);
        return client;
    }

    /** Connects and sends HELLO with {@code token} without waiting for the answer (WELCOME, or ERROR and a close). */
    static ClaspWebSocketClient hello(int port, String name, String token) throws Exception {
        ClaspWebSocketClient client = open(port);
        client.send(new HelloMessage(1, Set.of(), name, token));
        return client;
    }

    /** The WebSocket close code the router sent, or null while open. */
    Integer closeCode() { return closeCode; }

    void send(Message message) throws Exception {
        byte[] frame = ClaspCodec.defaults().encode(Frame.of(message));
        socket.sendBinary(ByteBuffer.wrap(frame), true).get(10, TimeUnit.SECONDS);
    }

    /** Sends {@code bytes} as one binary WebSocket message, whatever they are. */
    void sendBytes(byte[] bytes) throws Exception {
        socket.sendBinary(ByteBuffer.wrap(bytes), true).get(10, TimeUnit.SECONDS);
    }

    /** Everything received so far, in order. */
    List<Received> received() {
        return List.copyOf(received);
    }

    /** How many messages arrived so far: a position for {@link #await} and {@link #since}. */
    int count() {
        return received.size();
    }

    List<Received> since(int from) {
        List<Received> all = received();
        return all.subList(Math.min(from, all.size()), all.size());
    }

    /** The first message at or after position {@code from} that matches; fails after {@code timeout}. */
    Message await(int from, Predicate<Message> matches, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        int next = from;
        while (true) {
            List<Received> all = received();
            for (; next < all.size(); next++) {
                if (matches.test(all.get(next).message())) return all.get(next).message();
            }
            if (error != null) throw new AssertionError("WebSocket failed", error);
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("no matching message within " + timeout + "; last received: "
                        + all.subList(Math.max(0, all.size() - 5), all.size()));
            }
            Thread.sleep(20);
        }
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        partial.writeBytes(bytes);
        if (last) {
            long now = System.nanoTime();
            try {
                received.add(new Received(now, ClaspCodec.defaults().decode(partial.toByteArray()).message()));
            } catch (Exception e) {
                error = e;
            }
            partial.reset();
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable e) {
        error = e;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeReason = reason;
        closeCode = statusCode;
        return null;
    }

    /** The status code of the router's close frame, waiting for it up to {@code timeout}. */
    int awaitClose(Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (closeCode == null) {
            if (error != null) throw new AssertionError("the connection failed instead of closing", error);
            if (Instant.now().isAfter(deadline)) throw new AssertionError("no close frame within " + timeout + "; received: " + received());
            Thread.sleep(20);
        }
        return closeCode;
    }

    /** The reason of the router's close frame, or null before it. */
    String closeReason() {
        return closeReason;
    }

    @Override
    public void close() {
        if (socket != null) socket.abort();
    }
}
