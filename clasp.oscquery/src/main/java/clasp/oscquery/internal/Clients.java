package clasp.oscquery.internal;

import clasp.api.Value;
import clasp.osc.OscMessage;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connected WebSocket clients, and what is pushed to them: a param's new value as one binary OSC message to
 * every client listening to its path, and {@code {"COMMAND": …, "DATA": path}} text notifications to every client.
 * Each message is encoded once and shared between the clients' frames.
 */
final class Clients {
    static final String PATH_ADDED = "PATH_ADDED";
    static final String PATH_REMOVED = "PATH_REMOVED";
    static final String PATH_CHANGED = "PATH_CHANGED";

    private static final Logger LOG = LoggerFactory.getLogger(Clients.class);

    private final Set<WsClient> clients = ConcurrentHashMap.newKeySet();
    private final int max;
    private final ByteBufAllocator allocator;
    final LongAdder unencodable = new LongAdder();

    Clients(int max, ByteBufAllocator allocator) {
        this.max = max;
        this.allocator = allocator;
    }

    boolean full() {
        return clients.size() >= max;
    }

    /** False when {@link #full}: the client is not added. */
    boolean add(WsClient client) {
        synchronized (clients) {
            if (full()) return false;
            clients.add(client);
            return true;
        }
    }

    void remove(WsClient client) {
        clients.remove(client);
    }

    int size() {
        return clients.size();
    }

    /** How many clients listen to {@code path}. */
    long listeners(String path) {
        return clients.stream().filter(c -> c.listens(path)).count();
    }

    /** Any thread: {@code value} now stored at {@code address}, as OSC to the clients listening to it. */
    void valueChanged(String address, Value value) {
        if (clients.stream().noneMatch(c -> c.listens(address))) return;
        OscMessage message;
        try {
            message = OscValues.message(address, value);
        } catch (IllegalArgumentException cannotCarry) {
            unencodable.increment();   // a string with a NUL: no OSC message can carry it
            LOG.debug("clasp.oscquery: {} has a value OSC cannot carry: {}", address, cannotCarry.getMessage());
            return;
        }
        ByteBuf packet = OscValues.encode(message, allocator);
        try {
            for (WsClient c : clients) {
                if (c.listens(address)) c.send(new BinaryWebSocketFrame(packet.retainedDuplicate()));
            }
        } finally {
            packet.release();
        }
    }

    /** Any thread: a {@code command} notification about {@code path} to every client. */
    void notify(String command, String path) {
        if (clients.isEmpty()) return;
        ObjectNode json = JsonNodeFactory.instance.objectNode().put("COMMAND", command).put("DATA", path);
        ByteBuf text = ByteBufUtil.writeUtf8(allocator, json.toString());
        try {
            for (WsClient c : clients) c.send(new TextWebSocketFrame(text.retainedDuplicate()));
        } finally {
            text.release();
        }
    }

    /** Closes every client's connection. */
    void closeAll() {
        for (WsClient c : clients) c.channel().close();
        clients.clear();
    }
}
