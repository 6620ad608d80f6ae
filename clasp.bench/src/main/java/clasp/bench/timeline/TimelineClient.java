package clasp.bench.timeline;

import clasp.api.Feature;
import clasp.api.FloatValue;
import clasp.api.QoS;
import clasp.api.message.ErrorMessage;
import clasp.api.message.Frame;
import clasp.api.message.HelloMessage;
import clasp.api.message.Message;
import clasp.api.message.PingMessage;
import clasp.api.message.SetMessage;
import clasp.protocol.ClaspCodec;
import clasp.protocol.DecodeException;
import clasp.protocol.EncodeException;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.net.URI;
import java.util.EnumSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One CLASP connection for the jitter tool: HELLO on upgrade, frames written in order, and each SET that arrives
 * handed to a {@link Arrivals} with its arrival time ({@code System.nanoTime()} on the event loop, before decoding).
 */
final class TimelineClient implements AutoCloseable {
    /** What arrives. */
    interface Arrivals {
        void set(long arrivedNanos, long arrivedWallMicros, String address, double value);
        void pong();
        void error(ErrorMessage e);
    }

    private static final ClaspCodec CODEC = ClaspCodec.defaults();

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final CompletableFuture<Void> welcomed = new CompletableFuture<>();
    private final Arrivals arrivals;
    private final Channel channel;

    TimelineClient(URI uri, Arrivals arrivals) {
        this.arrivals = arrivals;
        WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(uri).subprotocol("clasp").handshakeTimeoutMillis(30_000)
                .maxFramePayloadLength(ClaspCodec.MAX_FRAME_BYTES).build();
        channel = new Bootstrap().group(group).channel(NioSocketChannel.class).option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<Channel>() {
                    @Override protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(8192),
                                new WebSocketClientProtocolHandler(config), new Handler());
                    }
                }).connect(uri.getHost(), uri.getPort()).addListener(f -> {
                    if (!f.isSuccess()) welcomed.completeExceptionally(f.cause());
                }).channel();
    }

    /** Waits for WELCOME. */
    void awaitWelcome(long seconds) throws Exception { welcomed.get(seconds, TimeUnit.SECONDS); }

    void send(Message m) { send(channel, Frame.of(m)); }

    void ping() { send(PingMessage.INSTANCE); }

    private static void send(Channel channel, Frame frame) {
        ByteBuf buf;
        try {
            buf = CODEC.encode(frame, channel.alloc());
        } catch (EncodeException e) {
            throw new IllegalStateException(e);
        }
        channel.writeAndFlush(new BinaryWebSocketFrame(buf));
    }

    @Override public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private final class Handler extends SimpleChannelInboundHandler<WebSocketFrame> {
        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
            if (event == ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
                send(ctx.channel(), new Frame(new HelloMessage(1, EnumSet.of(Feature.PARAM, Feature.TIMELINE), "timeline-jitter", null),
                        QoS.CONFIRM, null));
            }
            super.userEventTriggered(ctx, event);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) throws DecodeException {
            long nanos = System.nanoTime();
            long wall = WallClock.micros();
            if (!(frame instanceof BinaryWebSocketFrame)) return;
            Message m = CODEC.decode(frame.content()).message();
            switch (m.type()) {
                case WELCOME -> welcomed.complete(null);
                case SET -> {
                    SetMessage s = (SetMessage) m;
                    if (s.value() instanceof FloatValue f) arrivals.set(nanos, wall, s.address(), f.value());
                }
                case PONG -> arrivals.pong();
                case ERROR -> arrivals.error((ErrorMessage) m);
                default -> { }
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            welcomed.completeExceptionally(cause);
            ctx.close();
        }
    }
}
