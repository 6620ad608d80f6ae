package clasp.oscquery.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.InetSocketAddress;

/**
 * The HTTP side: {@code GET /path} is the node at that path with everything below it, {@code GET /path?ATTRIBUTE}
 * is {@code {"ATTRIBUTE": value}}, {@code ?HOST_INFO} (on any path) the server's host information. A path with no
 * node is 404; an attribute this server does not write is 400; one it writes but the node lacks (VALUE of a
 * container, RANGE of a param announced without one) is 204. WebSocket upgrade requests go on down the pipeline.
 */
@ChannelHandler.Sharable
final class QueryHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    static final String HOST_INFO = "HOST_INFO";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final AddressSpace space;
    private final HostInfo hostInfo;
    private final Clients clients;

    QueryHandler(AddressSpace space, HostInfo hostInfo, Clients clients) {
        this.space = space;
        this.hostInfo = hostInfo;
        this.clients = clients;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (!request.decoderResult().isSuccess()) {
            respond(ctx, request, HttpResponseStatus.BAD_REQUEST, null, false);
            return;
        }
        if (request.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)) {
            if (clients.full()) {
                respond(ctx, request, HttpResponseStatus.SERVICE_UNAVAILABLE, null, false);
                return;
            }
            ctx.fireChannelRead(request.retain());
            return;
        }
        if (!request.method().equals(HttpMethod.GET) && !request.method().equals(HttpMethod.HEAD)) {
            respond(ctx, request, HttpResponseStatus.METHOD_NOT_ALLOWED, null, true);
            return;
        }
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        String path = uri.path().length() > 1 && uri.path().endsWith("/") ? uri.path().substring(0, uri.path().length() - 1) : uri.path();
        String query = uri.rawQuery();
        if (query.equals(HOST_INFO)) {
            respond(ctx, request, HttpResponseStatus.OK, hostInfo.json((InetSocketAddress) ctx.channel().localAddress()), true);
            return;
        }
        if (!query.isEmpty() && !AddressSpace.ATTRIBUTES.contains(query)) {
            respond(ctx, request, HttpResponseStatus.BAD_REQUEST, null, true);
            return;
        }
        ObjectNode node = space.node(path);
        if (node == null) {
            respond(ctx, request, HttpResponseStatus.NOT_FOUND, null, true);
        } else if (query.isEmpty()) {
            respond(ctx, request, HttpResponseStatus.OK, node, true);
        } else if (!node.has(query)) {
            respond(ctx, request, HttpResponseStatus.NO_CONTENT, null, true);
        } else {
            respond(ctx, request, HttpResponseStatus.OK, JsonNodeFactory.instance.objectNode().set(query, node.get(query)), true);
        }
    }

    private static void respond(ChannelHandlerContext ctx, FullHttpRequest request, HttpResponseStatus status, JsonNode body,
                                boolean mayKeepAlive) {
        byte[] bytes = body == null ? new byte[0] : json(body);
        boolean head = request.method().equals(HttpMethod.HEAD);
        FullHttpResponse response = new DefaultFullHttpResponse(request.protocolVersion(), status,
                head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(bytes));
        if (body != null) response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
        response.headers().set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, "*");   // browser UIs served elsewhere read it too
        if (status != HttpResponseStatus.NO_CONTENT) HttpUtil.setContentLength(response, bytes.length);
        boolean keepAlive = mayKeepAlive && HttpUtil.isKeepAlive(request);
        HttpUtil.setKeepAlive(response, keepAlive);
        if (keepAlive) {
            ctx.writeAndFlush(response, ctx.voidPromise());
        } else {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private static byte[] json(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }
}
