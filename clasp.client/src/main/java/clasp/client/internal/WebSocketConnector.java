package clasp.client.internal;

import clasp.protocol.ClaspCodec;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.ssl.SslContext;
import io.netty.util.ReferenceCountUtil;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * {@code ws://} and {@code wss://}: subprotocol {@code clasp}, one CLASP frame per binary message (text messages are
 * dropped, fragments joined); WebSocket pings are answered by Netty. Default port 7330. A close sends close frame 1000.
 */
public final class WebSocketConnector implements Connector {
    public static final int DEFAULT_PORT = 7330;
    private final SslContext tls;

    /** {@code tls} null: plain {@code ws}. */
    public WebSocketConnector(SslContext tls) {
        this.tls = tls;
    }

    @Override
    public CompletableFuture<Link> open(URI uri, EventLoop loop, Duration timeout, Inbound inbound) {
        CompletableFuture<Link> ready = new CompletableFuture<>();
        FrameHandler frames = new FrameHandler(inbound);
        int port = Bootstraps.port(uri, DEFAULT_PORT);
        URI target = URI.create((tls == null ? "ws://" : "wss://") + uri.getHost() + ":" + port
                + (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath()));
        WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(target).subprotocol("clasp").handshakeTimeoutMillis(timeout.toMillis())
                .maxFramePayloadLength(ClaspCodec.MAX_FRAME_BYTES).build();
        Bootstrap b = Bootstraps.tcp(loop, timeout).handler(new ChannelInitializer<Channel>() {
            @Override protected void initChannel(Channel ch) {
                if (tls != null) ch.pipeline().addLast(TlsContexts.handler(tls, ch.alloc(), uri, port));
                ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(8192),
                        new WebSocketClientProtocolHandler(config), new WebSocketFrameAggregator(ClaspCodec.MAX_FRAME_BYTES),
                        new Unwrap(ready), frames);
            }
        });
        Bootstraps.connect(b, uri, port, timeout, loop, ready, frames);
        return ready;
    }

    private static void closeGracefully(Channel channel) {
        if (!channel.isActive()) return;
        channel.writeAndFlush(new CloseWebSocketFrame(1000, "client closing")).addListener(ChannelFutureListener.CLOSE);
    }

    /** Binary message → its content; everything else dropped; handshake completion → the link. */
    private static final class Unwrap extends ChannelInboundHandlerAdapter {
        private final CompletableFuture<Link> ready;

        Unwrap(CompletableFuture<Link> ready) {
            this.ready = ready;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof BinaryWebSocketFrame frame) {
                ctx.fireChannelRead(frame.content());   // the content's reference passes on with it
            } else {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
            if (event == ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
                ready.complete(new ChannelLink(ctx.channel(), BinaryWebSocketFrame::new, WebSocketConnector::closeGracefully));
            }
            super.userEventTriggered(ctx, event);
        }
    }
}
