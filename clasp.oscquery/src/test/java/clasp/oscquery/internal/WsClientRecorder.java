package clasp.oscquery.internal;

import clasp.osc.OscDecoder;
import clasp.osc.OscLimits;
import clasp.osc.OscMessage;
import io.netty.buffer.Unpooled;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** A JDK WebSocket client recording what the server sends: OSC messages decoded with the shared codec, and texts. */
final class WsClientRecorder implements WebSocket.Listener, AutoCloseable {
    /** Everything received in order: an {@link OscMessage} for a binary message, a String for a text one. */
    final List<Object> received = new CopyOnWriteArrayList<>();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final WebSocket socket;
    private final StringBuilder text = new StringBuilder();
    private ByteBuffer binary = ByteBuffer.allocate(0);

    WsClientRecorder(URI uri) throws Exception {
        socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(uri, this).get(10, TimeUnit.SECONDS);
    }

    void command(String command, String path) throws Exception {
        socket.sendText("{\"COMMAND\": \"" + command + "\", \"DATA\": \"" + path + "\"}", true).get(10, TimeUnit.SECONDS);
    }

    /** {@code packet} encoded by the shared codec, as one binary message. */
    void sendOsc(clasp.osc.OscPacket packet) throws Exception {
        io.netty.buffer.ByteBuf encoded = clasp.osc.OscEncoder.encode(packet, io.netty.buffer.UnpooledByteBufAllocator.DEFAULT);
        try {
            sendBinary(io.netty.buffer.ByteBufUtil.getBytes(encoded));
        } finally {
            encoded.release();
        }
    }

    void sendBinary(byte[] bytes) throws Exception {
        socket.sendBinary(ByteBuffer.wrap(bytes), true).get(10, TimeUnit.SECONDS);
    }

    void sendText(String message) throws Exception {
        socket.sendText(message, true).get(10, TimeUnit.SECONDS);
    }

    List<OscMessage> osc() {
        return received.stream().filter(OscMessage.class::isInstance).map(OscMessage.class::cast).toList();
    }

    List<String> texts() {
        return received.stream().filter(String.class::isInstance).map(String.class::cast).toList();
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        text.append(data);
        if (last) {
            received.add(text.toString());
            text.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        ByteBuffer joined = ByteBuffer.allocate(binary.remaining() + data.remaining());
        joined.put(binary).put(data).flip();
        binary = joined;
        if (last) {
            try {
                received.add(new OscDecoder(OscLimits.DEFAULTS).decode(Unpooled.wrappedBuffer(binary)));
            } catch (Exception e) {
                received.add(e);
            }
            binary = ByteBuffer.allocate(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.complete(-1);
    }

    @Override
    public void close() {
        socket.abort();
    }
}
