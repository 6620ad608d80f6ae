package clasp.oscquery.internal;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket client: the paths it listens to and its outbound bound. Frames are written from any thread; the
 * bytes written but not yet on the socket are counted, and a client more than {@code maxQueuedBytes} behind is
 * closed (no close frame: it would wait behind the backlog) rather than sent a stale, gapped stream. It reconnects
 * and reads the tree afresh, as on any reconnect.
 */
final class WsClient {
    private static final Logger LOG = LoggerFactory.getLogger(WsClient.class);

    private final Channel channel;
    private final long maxQueuedBytes;
    private final Set<String> listening = ConcurrentHashMap.newKeySet();
    private final AtomicLong queued = new AtomicLong();
    private final AtomicBoolean tooSlow = new AtomicBoolean();

    WsClient(Channel channel, long maxQueuedBytes) {
        this.channel = channel;
        this.maxQueuedBytes = maxQueuedBytes;
    }

    void listen(String path) {
        listening.add(path);
    }

    void ignore(String path) {
        listening.remove(path);
    }

    boolean listens(String path) {
        return listening.contains(path);
    }

    Channel channel() {
        return channel;
    }

    /** Any thread: writes {@code frame} (taking it over), or releases it and closes a client too far behind. */
    void send(WebSocketFrame frame) {
        int size = frame.content().readableBytes();
        if (queued.addAndGet(size) > maxQueuedBytes) {
            queued.addAndGet(-size);
            frame.release();
            if (tooSlow.compareAndSet(false, true)) {
                LOG.warn("clasp.oscquery: closing WebSocket client {}: more than {} bytes behind", channel.remoteAddress(), maxQueuedBytes);
                channel.close();
            }
            return;
        }
        channel.writeAndFlush(frame).addListener(written -> queued.addAndGet(-size));   // a failed write releases it too
    }

    long queuedBytes() {
        return queued.get();
    }
}
