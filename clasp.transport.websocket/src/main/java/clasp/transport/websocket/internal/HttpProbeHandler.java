package clasp.transport.websocket.internal;

import clasp.transport.netty.Refusals;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import clasp.api.http.HttpRequest;
import clasp.api.http.HttpResponse;
import io.netty.buffer.ByteBufUtil;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers HTTP requests that do not upgrade (router-semantics D10): {@code /} gets {@code 200 ok} (health probes),
 * every other path {@code 404} until HTTP features exist, and an upgrade to a WebSocket version other than 13
 * (RFC 6455) gets {@code 426} naming version 13. WebSocket upgrade requests pass on to the upgrade handler, and
 * {@code GET /sse} to the {@link SseEndpoint} when it is on. Every answer closes the connection, as the reference
 * server does. One instance per listener.
 */
@Sharable
final class HttpProbeHandler extends ChannelInboundHandlerAdapter {
    private static final String WEBSOCKET_VERSION = "13";
    private static final Logger LOG = LoggerFactory.getLogger(HttpProbeHandler.class);

    private final Refusals<WebSocketRefusal> refusals;
    private final SseEndpoint sse;
    private final HttpRoutes routes;
    private final HttpPaths served;
    private final String listener;

    /**
     * {@code sse} null: no SSE observer, {@code /sse} is 404. {@code served}: the endpoint paths this listener serves.
     * {@code listener}: the transport instance's id.
     */
    HttpProbeHandler(Refusals<WebSocketRefusal> refusals, SseEndpoint sse, HttpRoutes routes, HttpPaths served,
                     String listener) {
        this.refusals = refusals;
        this.sse = sse;
        this.routes = routes;
        this.served = served;
        this.listener = listener;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request)
                || isWebSocketUpgrade(request) && WEBSOCKET_VERSION.equals(request.headers().get(HttpHeaderNames.SEC_WEBSOCKET_VERSION))) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            FullHttpResponse response;
            if (isWebSocketUpgrade(request)) {
                refusals.count(WebSocketRefusal.BAD_VERSION);
                response = response(request, HttpResponseStatus.UPGRADE_REQUIRED, "unsupported WebSocket version");
                response.headers().set(HttpHeaderNames.SEC_WEBSOCKET_VERSION, WEBSOCKET_VERSION);
            } else if (isSse(request)) {
                sse.start(ctx, request);
                return;
            } else if (request.decoderResult().isSuccess() && routed(ctx, request)) {
                return;
            } else {
                response = answer(request);
            }
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        } finally {
            request.release();
        }
    }

    /** Hands {@code request} to the endpoint serving its path, if one does; its answer is written when it comes. */
    private boolean routed(ChannelHandlerContext ctx, FullHttpRequest request) {
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        Optional<HttpRoutes.Route> route = routes.find(uri.path(), served);
        if (route.isEmpty()) return false;
        boolean head = HttpMethod.HEAD.equals(request.method());
        HttpRequest copy = copy(request, uri, ctx);
        CompletionStage<HttpResponse> answer;
        try {
            answer = route.get().endpoint().handle(copy);
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        answer.whenComplete((response, failure) -> {
            if (failure != null || response == null) {
                LOG.warn("HTTP endpoint {} failed on {} {}", route.get().path(), copy.method(), copy.path(), failure);
                response = HttpResponse.text(500, "internal error");
            }
            ctx.writeAndFlush(netty(response, head)).addListener(ChannelFutureListener.CLOSE);
        });
        return true;
    }

    private HttpRequest copy(FullHttpRequest request, QueryStringDecoder uri, ChannelHandlerContext ctx) {
        Map<String, String> headers = new HashMap<>();
        for (Map.Entry<String, String> header : request.headers()) {
            headers.merge(header.getKey().toLowerCase(Locale.ROOT), header.getValue(), (a, b) -> a + ", " + b);
        }
        byte[] body = ByteBufUtil.getBytes(request.content());
        String remote = ctx.channel().remoteAddress() instanceof InetSocketAddress address
                ? address.getHostString() + ":" + address.getPort() : String.valueOf(ctx.channel().remoteAddress());
        return new HttpRequest(request.method().name(), uri.path(), uri.parameters(), headers, body, remote, listener);
    }

    private static FullHttpResponse netty(HttpResponse answer, boolean head) {
        byte[] body = answer.body();
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(answer.status()),
                head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body));
        answer.headers().forEach(response.headers()::set);
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, answer.contentType())
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        return response;
    }

    private static boolean isWebSocketUpgrade(FullHttpRequest request) {
        return request.decoderResult().isSuccess()
                && request.uri().startsWith("/")
                && request.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true);
    }

    private boolean isSse(FullHttpRequest request) {
        return sse != null && request.decoderResult().isSuccess() && HttpMethod.GET.equals(request.method())
                && SseEndpoint.PATH.equals(new QueryStringDecoder(request.uri()).path());
    }

    private static FullHttpResponse answer(FullHttpRequest request) {
        if (!request.decoderResult().isSuccess()) {
            return response(request, HttpResponseStatus.BAD_REQUEST, "bad request");
        }
        boolean root = "/".equals(new QueryStringDecoder(request.uri()).path());
        return root ? response(request, HttpResponseStatus.OK, "ok")
                : response(request, HttpResponseStatus.NOT_FOUND, "not found");
    }

    private static FullHttpResponse response(FullHttpRequest request, HttpResponseStatus status, String text) {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        ByteBuf content = HttpMethod.HEAD.equals(request.method()) ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, content);
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        return response;
    }
}
