package clasp.transport.websocket.internal;

import clasp.api.Feature;
import clasp.api.SignalType;
import clasp.api.message.HelloMessage;
import clasp.api.message.Message;
import clasp.api.message.PingMessage;
import clasp.api.message.SubscribeMessage;
import clasp.protocol.transport.ConnectionAcceptor;
import clasp.transport.netty.ChannelConnection;
import clasp.transport.netty.OpenConnections;
import clasp.transport.netty.Refusals;
import clasp.transport.netty.tls.PeerIdentity;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The SSE observer of one listener ({@code GET /sse?pattern=…}): turns the request's connection into a router
 * session that subscribes to the pattern for the client. Shared by the listener's connections; {@link #start} runs
 * on the requesting connection's event loop.
 *
 * <p>The request: {@code pattern} (required, a CLASP subscription pattern); {@code Last-Event-ID} (header, or the
 * {@code lastEventId} parameter for clients that cannot set headers) to resume; a token for the router's HELLO from
 * {@code Authorization: Bearer <token>} or the {@code token} parameter.
 */
final class SseEndpoint {
    static final String PATH = "/sse";
    /** The subscription id the endpoint uses in the session it opens. */
    static final long SUBSCRIPTION_ID = 1;
    /** Room for the rest of a SUBSCRIBE frame around the pattern. */
    private static final int MAX_PATTERN_BYTES = 60_000;

    private final ConnectionAcceptor acceptor;
    private final OpenConnections<SseConnection> connections;
    private final ResumeBooks books;
    private final Refusals<WebSocketRefusal> refusals;
    private final long maxQueuedBytes;

    SseEndpoint(ConnectionAcceptor acceptor, OpenConnections<SseConnection> connections, ResumeBooks books,
                Refusals<WebSocketRefusal> refusals, long maxQueuedBytes) {
        this.acceptor = acceptor;
        this.connections = connections;
        this.books = books;
        this.refusals = refusals;
        this.maxQueuedBytes = maxQueuedBytes;
    }

    /** Serves {@code request} (the caller releases it) on the connection of {@code ctx}, which stays open. */
    void start(ChannelHandlerContext ctx, FullHttpRequest request) {
        QueryStringDecoder query = new QueryStringDecoder(request.uri());
        String pattern = first(query.parameters(), "pattern");
        if (pattern == null || pattern.isEmpty() || pattern.getBytes(StandardCharsets.UTF_8).length > MAX_PATTERN_BYTES) {
            refusals.count(WebSocketRefusal.SSE_REFUSED);
            ctx.writeAndFlush(SseStream.plain(HttpResponseStatus.BAD_REQUEST, "400 a pattern is required: /sse?pattern=/a/**"))
                    .addListener(ChannelFutureListener.CLOSE);
            return;
        }
        String lastEventId = request.headers().get("Last-Event-ID", first(query.parameters(), "lastEventId"));
        List<Message> opening = List.of(
                new HelloMessage(1, Set.of(Feature.PARAM), "sse " + ChannelConnection.addressText(ctx.channel().remoteAddress()),
                        token(request, query)),
                new PingMessage(),                       // its PONG: what answered HELLO is over
                new SubscribeMessage(SUBSCRIPTION_ID, pattern, Set.of(SignalType.PARAM), null),
                new PingMessage());                      // its PONG: the subscription stands
        ResumeBook book = books.resume(lastEventId);
        String identity = PeerIdentity.of(ctx.channel());   // a TLS client certificate's subject, or null
        WebSocketActivity activity = ctx.pipeline().get(WebSocketActivity.class);
        SseLink link = new SseLink(acceptor, connections, c -> new SseConnection(c.channel(),
                new SseStream(c.channel(), book, refusals), activity, identity, maxQueuedBytes), opening, books, book);
        ChannelPipeline pipeline = ctx.pipeline();
        for (ChannelHandler handler : handlersAfter(pipeline, "http-aggregator")) {
            pipeline.remove(handler);   // the probe, the WebSocket handlers, the upgrade deadline (giving back its slot)
        }
        pipeline.addLast("sse", link);
        link.start(pipeline.context(link));
    }

    private static List<ChannelHandler> handlersAfter(ChannelPipeline pipeline, String name) {
        List<ChannelHandler> after = new ArrayList<>();
        boolean seen = false;
        for (Map.Entry<String, ChannelHandler> e : pipeline.toMap().entrySet()) {
            if (seen) after.add(e.getValue());
            seen |= e.getKey().equals(name);
        }
        return after;
    }

    private static String token(FullHttpRequest request, QueryStringDecoder query) {
        String authorization = request.headers().get(HttpHeaderNames.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7).trim();
        }
        return first(query.parameters(), "token");
    }

    private static String first(Map<String, List<String>> parameters, String name) {
        List<String> values = parameters.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
