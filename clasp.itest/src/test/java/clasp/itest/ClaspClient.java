package clasp.itest;

import clasp.api.Feature;
import clasp.api.message.AckMessage;
import clasp.api.message.ErrorMessage;
import clasp.api.message.Frame;
import clasp.api.message.GetMessage;
import clasp.api.message.HelloMessage;
import clasp.api.message.Message;
import clasp.api.message.ParamEntry;
import clasp.api.message.PingMessage;
import clasp.api.message.PongMessage;
import clasp.api.message.PublishMessage;
import clasp.api.message.SetMessage;
import clasp.api.message.SnapshotMessage;
import clasp.api.message.SubscribeMessage;
import clasp.api.message.WelcomeMessage;
import clasp.protocol.ClaspCodec;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * A CLASP client on a real WebSocket (java.net.http, subprotocol "clasp", one CLASP frame per binary message) that
 * records what it receives: the SETs and PUBLISHes broadcast to it, its ACKs, SNAPSHOTs, ERRORs, PONGs and how it was closed.
 * {@link #send} may be called from any thread; it waits until the frame is handed to the socket.
 */
final class ClaspClient implements WebSocket.Listener, AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ClaspCodec CODEC = ClaspCodec.defaults();
    /** The longest a wait for the router may take: generous, the machine may be busy; a pass returns sooner. */
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    final String name;
    /** Completes with the close code the server sent, or exceptionally when the connection failed. */
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final CompletableFuture<WelcomeMessage> welcome = new CompletableFuture<>();
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private final List<SetMessage> sets = new ArrayList<>();
    private final List<PublishMessage> publishes = new ArrayList<>();
    private final List<AckMessage> acks = new ArrayList<>();
    private final List<SnapshotMessage> snapshots = new ArrayList<>();
    private final List<ErrorMessage> errors = new ArrayList<>();
    private final AtomicInteger pongs = new AtomicInteger();
    private volatile String problem;
    private WebSocket socket;

    private ClaspClient(String name) {
        this.name = name;
    }

    /** Connects, sends HELLO and waits for WELCOME. */
    static ClaspClient connect(URI uri, String name) throws Exception {
        ClaspClient client = new ClaspClient(name);
        client.socket = HTTP.newWebSocketBuilder().subprotocols("clasp").connectTimeout(TIMEOUT)
                .buildAsync(uri, client).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        client.send(new HelloMessage(1, EnumSet.of(Feature.PARAM, Feature.EVENT), name, null));
        client.welcome.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        return client;
    }

    void send(Message message) throws Exception {
        send(Frame.of(message));
    }

    /** Sends the frame as given (its QoS, timestamp or retry id). */
    synchronized void send(Frame frame) throws Exception {
        socket.sendBinary(ByteBuffer.wrap(CODEC.encode(frame)), true).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Sends bytes as they are, as one binary message (a frame written by hand). */
    synchronized void sendRaw(byte[] frame) throws Exception {
        socket.sendBinary(ByteBuffer.wrap(frame), true).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Subscribes and returns once the router has taken the subscription. */
    void subscribe(long id, String pattern) throws Exception {
        send(new SubscribeMessage(id, pattern));
        sync();
    }

    /** A PING/PONG round trip: the router handles one connection's frames in order, so all before it are done. */
    void sync() throws Exception {
        int before = pongs.get();
        send(PingMessage.INSTANCE);
        Eventually.until("PONG for " + name, TIMEOUT, pongs::get, n -> n > before);
    }

    /** GET: the SNAPSHOT entry the router answers with, or empty if it does not answer (no such param). */
    Optional<ParamEntry> get(String address) throws Exception {
        int before;
        synchronized (this) {
            before = snapshots.size();
        }
        send(new GetMessage(address));
        sync();
        synchronized (this) {
            return snapshots.subList(before, snapshots.size()).stream()
                    .flatMap(s -> s.params().stream())
                    .filter(p -> p.address().equals(address))
                    .reduce((first, second) -> second);
        }
    }

    /** The SETs of {@code address} broadcast to this client, in arrival order. */
    synchronized List<SetMessage> sets(String address) {
        return sets.stream().filter(s -> s.address().equals(address)).collect(Collectors.toList());
    }

    /** The PUBLISHes of {@code address} broadcast to this client, in arrival order. */
    synchronized List<PublishMessage> publishes(String address) {
        return publishes.stream().filter(p -> p.address().equals(address)).collect(Collectors.toList());
    }

    /** The revisions of the ACKs for {@code address}, in arrival order. */
    synchronized List<Long> ackedRevisions(String address) {
        return acks.stream().filter(a -> address.equals(a.address())).map(AckMessage::revision).collect(Collectors.toList());
    }

    synchronized List<ErrorMessage> errors() {
        return List.copyOf(errors);
    }

    /** The session id the router gave this client in WELCOME. */
    String session() {
        return welcome.join().session();
    }

    /** What went wrong on the client side (an undecodable frame), or null. */
    String problem() {
        return problem;
    }

    boolean isOpen() {
        return !closed.isDone();
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        partial.writeBytes(bytes);
        if (last) {
            byte[] frame = partial.toByteArray();
            partial.reset();
            received(frame);
        }
        webSocket.request(1);
        return null;
    }

    private void received(byte[] frame) {
        Message m;
        try {
            m = CODEC.decode(frame).message();
        } catch (Exception e) {
            problem = name + " could not decode a frame: " + e;
            return;
        }
        if (m instanceof PongMessage) {
            pongs.incrementAndGet();
            return;
        }
        synchronized (this) {
            if (m instanceof SetMessage) sets.add((SetMessage) m);
            else if (m instanceof PublishMessage) publishes.add((PublishMessage) m);
            else if (m instanceof AckMessage) acks.add((AckMessage) m);
            else if (m instanceof SnapshotMessage) snapshots.add((SnapshotMessage) m);
            else if (m instanceof ErrorMessage) errors.add((ErrorMessage) m);
        }
        if (m instanceof WelcomeMessage) welcome.complete((WelcomeMessage) m);
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.completeExceptionally(error);
    }

    @Override
    public void close() {
        if (socket == null) return;
        if (isOpen()) {
            try {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                closed.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                // the server is gone or does not answer: drop the socket
            }
        }
        socket.abort();
    }

    @Override
    public String toString() {
        return name;
    }
}
