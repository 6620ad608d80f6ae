package clasp.transport.websocket.internal;

import clasp.api.message.ErrorMessage;
import clasp.api.message.Frame;
import clasp.api.message.Message;
import clasp.api.message.ParamEntry;
import clasp.api.message.PongMessage;
import clasp.api.message.SetMessage;
import clasp.api.message.SnapshotMessage;
import clasp.api.router.ErrorCodes;
import clasp.protocol.ClaspCodec;
import clasp.protocol.DecodeException;
import clasp.protocol.transport.Connection;
import clasp.transport.netty.Refusals;
import clasp.transport.netty.Wire;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the router's frames for one SSE session into the HTTP response: the {@link Wire} of its connection, so it
 * runs where the connection's outbound path drains, on the event loop, in the router's order. Every field is that
 * event loop's.
 *
 * <p>The endpoint opens the session with HELLO, PING, SUBSCRIBE (params only), PING. Everything before the first
 * PONG answers HELLO (WELCOME, the whole-store SNAPSHOT) and is dropped. After it: an ERROR before any event refuses
 * the request with an HTTP status (403 for a refused subscription, 400 for a bad pattern, 429, else 500); the
 * subscription's SNAPSHOT entries and SETs become events, each param only when its revision is new to the client
 * ({@link ResumeBook}): never twice, never older than one it has (a SNAPSHOT entry is read before it is sent, so
 * it can be older than a SET that overtook it). The response head leaves with the first event or with the second PONG, whichever is first.
 */
final class SseStream implements Wire {
    private static final Logger LOG = LoggerFactory.getLogger(SseStream.class);

    private enum Phase { GREETING, SUBSCRIBING, STREAMING, ENDED }

    private final Channel channel;
    private final ResumeBook book;
    private final Refusals<WebSocketRefusal> refusals;
    private Connection connection;
    private Phase phase = Phase.GREETING;
    private boolean headSent;

    SseStream(Channel channel, ResumeBook book, Refusals<WebSocketRefusal> refusals) {
        this.channel = channel;
        this.book = book;
        this.refusals = refusals;
    }

    /** The connection this is the wire of, before the router gets it: a refusal closes it. */
    void attach(Connection connection) {
        this.connection = connection;
    }

    ResumeBook book() {
        return book;
    }

    /** Whether the response head has left and the body is open (heartbeats may go). */
    boolean streaming() {
        return headSent && phase != Phase.ENDED;
    }

    @Override
    public Object message(ByteBuf frame) {
        Frame decoded;
        try {
            decoded = ClaspCodec.defaults().decode(frame);
        } catch (DecodeException e) {
            LOG.debug("{}: undecodable frame from the router for an SSE client: {}", WebSocketTransport.PID, e.getMessage());
            return Unpooled.EMPTY_BUFFER;
        } finally {
            frame.release();
        }
        Message m = decoded.message();
        if (phase == Phase.ENDED) return Unpooled.EMPTY_BUFFER;
        if (phase == Phase.GREETING) {
            if (m instanceof ErrorMessage error) return error(error);   // the session itself was refused
            if (m instanceof PongMessage) phase = Phase.SUBSCRIBING;   // what answered HELLO is behind us
            return Unpooled.EMPTY_BUFFER;
        }
        if (m instanceof PongMessage) {
            phase = Phase.STREAMING;                                   // the subscription stands
            return headSent ? Unpooled.EMPTY_BUFFER : head();
        }
        if (m instanceof ErrorMessage error) return error(error);
        ByteBuf events = channel.alloc().buffer();
        if (m instanceof SnapshotMessage snapshot) {
            for (ParamEntry e : snapshot.params()) {
                if (book.isNewRead(e.address(), e.revision(), e.timestamp())) {
                    append(events, e.address(), e.value(), e.revision(), e.writer(), e.timestamp());
                }
            }
        } else if (m instanceof SetMessage set && book.isNewChange(set.address(), set.revision())) {
            append(events, set.address(), set.value(), set.revision(), null,
                    decoded.timestamp() != null ? decoded.timestamp() : nowMicros());
        }
        if (!events.isReadable()) {
            events.release();
            return Unpooled.EMPTY_BUFFER;
        }
        if (!headSent) channel.write(head(), channel.voidPromise());
        return new DefaultHttpContent(events);
    }

    private void append(ByteBuf out, String address, clasp.api.Value value, Long revision, String writer, Long timestamp) {
        String id = book.record(address, revision, timestamp == null ? 0 : timestamp);
        ByteBufUtil.writeUtf8(out, "id: " + id + "\ndata: " + SseJson.param(address, value, revision, writer, timestamp) + "\n\n");
    }

    /** Before the head: the request is refused with a status; after it: an {@code error} event. */
    private Object error(ErrorMessage error) {
        if (headSent) {
            String data = SseJson.error(error.code(), error.message(), error.address());
            return new DefaultHttpContent(Unpooled.copiedBuffer("event: error\ndata: " + data + "\n\n", StandardCharsets.UTF_8));
        }
        refusals.count(WebSocketRefusal.SSE_REFUSED);
        phase = Phase.ENDED;
        headSent = true;
        connection.close(Connection.CLOSE_NORMAL, "subscription refused");   // queued behind this response
        return plain(statusOf(error.code()), error.code() + " " + error.message());
    }

    private static HttpResponseStatus statusOf(int code) {
        return switch (code) {
            case ErrorCodes.FORBIDDEN, ErrorCodes.REJECTED, ErrorCodes.UNAUTHORIZED -> HttpResponseStatus.FORBIDDEN;
            case ErrorCodes.PATTERN_ERROR, ErrorCodes.INVALID_ADDRESS -> HttpResponseStatus.BAD_REQUEST;
            case ErrorCodes.RATE_LIMITED -> HttpResponseStatus.TOO_MANY_REQUESTS;
            default -> HttpResponseStatus.INTERNAL_SERVER_ERROR;
        };
    }

    /**
     * The end of the response: the last chunk once streaming; before the head a 503 (the router refused the
     * session, or the listener is stopping); nothing after a refusal's response.
     */
    @Override
    public Object closeMessage(int code, String reason) {
        Phase before = phase;
        phase = Phase.ENDED;
        if (!headSent) {
            headSent = true;
            return plain(HttpResponseStatus.SERVICE_UNAVAILABLE, reason == null ? "unavailable" : reason);
        }
        return before == Phase.ENDED ? null : LastHttpContent.EMPTY_LAST_CONTENT;
    }

    private HttpResponse head() {
        headSent = true;
        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        head.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8")
                .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_CACHE)
                .set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED)
                .set("X-Accel-Buffering", "no");   // proxies: pass events on as they come
        return head;
    }

    static FullHttpResponse plain(HttpResponseStatus status, String text) {
        byte[] body = (text + "\n").getBytes(StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        return response;
    }

    private static long nowMicros() {
        Instant t = Instant.now();
        return t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000;
    }
}
