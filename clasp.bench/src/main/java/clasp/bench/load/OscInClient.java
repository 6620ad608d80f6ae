package clasp.bench.load;

import clasp.osc.OscArgument;
import clasp.osc.OscEncoder;
import clasp.osc.OscMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.CompletableFuture;

/**
 * A load client for the router's OSC adapter: it publishes as an OSC peer (one UDP datagram per message, OSC
 * {@code /t ,b <probe>} from its own socket) and subscribes as a CLASP WebSocket client to {@code <namespace>/t}, where
 * the adapter writes what OSC peers send. Topic {@code t} is OSC address {@code /t}. Publishing is blocking
 * {@code DatagramChannel.send} on the caller's thread (the load tool publishes from one thread).
 */
final class OscInClient implements PubSubClient {
    private final ClaspClient webSocket;
    private final InetSocketAddress adapter;
    private final String namespace;
    private DatagramChannel udp;

    /** {@code token}: the WebSocket subscriber's HELLO token (authenticated mode), or null. */
    OscInClient(ClientNet net, URI webSocketUri, InetSocketAddress adapter, String namespace, String token, Probe.Sink sink) {
        this.webSocket = new ClaspClient(net, webSocketUri, null, token, sink);
        this.adapter = adapter;
        this.namespace = namespace;
    }

    @Override
    public CompletableFuture<Void> connect() {
        try {
            udp = DatagramChannel.open();
            udp.connect(adapter);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
        return webSocket.connect();
    }

    @Override
    public CompletableFuture<Void> subscribe(String topic) {
        return webSocket.subscribe(namespace.substring(1) + "/" + topic);
    }

    @Override
    public void publish(String topic, byte[] payload) {
        ByteBuf datagram = OscEncoder.encode(new OscMessage("/" + topic, new OscArgument.Blob(payload)), UnpooledByteBufAllocator.DEFAULT);
        try {
            udp.write(datagram.nioBuffer());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            datagram.release();
        }
    }

    @Override public boolean isOpen() { return webSocket.isOpen() && udp != null && udp.isOpen(); }

    @Override public long errors() { return webSocket.errors(); }

    @Override
    public CompletableFuture<Void> close() {
        try {
            if (udp != null) udp.close();
        } catch (IOException ignored) {
            // closing a UDP socket: nothing left to release
        }
        return webSocket.close();
    }
}
