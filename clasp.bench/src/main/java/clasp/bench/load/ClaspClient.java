package clasp.bench.load;

import clasp.api.BytesValue;
import clasp.api.Feature;
import clasp.api.GesturePhase;
import clasp.api.QoS;
import clasp.api.SignalType;
import clasp.api.message.BundleMessage;
import clasp.api.message.ErrorMessage;
import clasp.api.message.Frame;
import clasp.api.message.HelloMessage;
import clasp.api.message.Message;
import clasp.api.message.PingMessage;
import clasp.api.message.PublishMessage;
import clasp.api.message.SubscribeMessage;
import clasp.api.message.WelcomeMessage;
import clasp.protocol.ClaspCodec;
import clasp.protocol.DecodeException;
import clasp.protocol.EncodeException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.net.URI;
import java.util.EnumSet;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A CLASP client over Netty's WebSocket client (subprotocol {@code clasp}, one frame per binary message):
 * HELLO on upgrade, PUBLISH events carrying a {@link Probe} as a bytes value, SUBSCRIBE confirmed by a PING.
 * Topic {@code t} is the CLASP address {@code /t}.
 */
final class ClaspClient implements PubSubClient {
    private static final ClaspCodec CODEC = ClaspCodec.defaults();
    private static final AtomicLong SUBSCRIPTION_IDS = new AtomicLong();

    private final Probe.Sink sink;
    private final CompletableFuture<Void> connected = new CompletableFuture<>();
    private final Queue<CompletableFuture<Void>> awaitingPong = new ConcurrentLinkedQueue<>();
    private final AtomicLong errors = new AtomicLong();
    private volatile String routerName;
    private final Channel channel;

    ClaspClient(ClientNet net, URI uri, Probe.Sink sink) {
        this.sink = sink;
        WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(uri).subprotocol("clasp").handshakeTimeoutMillis(30_000)
                .maxFramePayloadLength(ClaspCodec.MAX_FRAME_BYTES).build();
        channel = net.bootstrap().handler(new ChannelInitializer<Channel>() {
            @Override protected void initChannel(Channel ch) {
                ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(8192),
                        new WebSocketClientProtocolHandler(config), new Handler());
            }
        }).connect(uri.getHost(), uri.getPort()).addListener(f -> {
            if (!f.isSuccess()) connected.completeExceptionally(f.cause());
        }).channel();
        channel.closeFuture().addListener(f -> failAll(new IllegalStateException("connection closed")));
    }

    @Override public CompletableFuture<Void> connect() { return connected; }

    /** The name the router sent in WELCOME. */
    String routerName() { return routerName; }

    @Override
    public CompletableFuture<Void> subscribe(String topic) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        // One event loop writes both frames in order, and the router handles one connection's frames in order.
        channel.eventLoop().execute(() -> {
            awaitingPong.add(done);
            write(Frame.of(new SubscribeMessage(SUBSCRIPTION_IDS.incrementAndGet(), "/" + topic)));
            write(Frame.of(PingMessage.INSTANCE));
        });
        return done;
    }

    @Override
    public void publish(String topic, byte[] payload) {
        PublishMessage m = new PublishMessage("/" + topic, SignalType.EVENT, BytesValue.copyOf(payload), null, null,
                null, GesturePhase.START, null);
        write(new Frame(m, QoS.FIRE, null));
    }

    /**
     * Sends a BUNDLE at QoS fire holding one such PUBLISH, scheduled for {@code atMicros} (router clock, µs since
     * the epoch).
     */
    void publishAt(String topic, byte[] payload, long atMicros) {
        PublishMessage m = new PublishMessage("/" + topic, SignalType.EVENT, BytesValue.copyOf(payload), null, null,
                null, GesturePhase.START, null);
        write(new Frame(new BundleMessage(atMicros, List.of(m)), QoS.FIRE, null));
    }

    private void write(Frame frame) { write(channel, frame); }

    private static void write(Channel channel, Frame frame) {
        ByteBuf buf;
        try {
            buf = CODEC.encode(frame, channel.alloc());
        } catch (EncodeException e) {
            throw new IllegalStateException(e);
        }
        channel.writeAndFlush(new BinaryWebSocketFrame(buf), channel.voidPromise());
    }

    @Override public boolean isOpen() { return channel.isActive() && connected.isDone() && !connected.isCompletedExceptionally(); }

    @Override public long errors() { return errors.get(); }

    @Override
    public CompletableFuture<Void> close() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        channel.close().addListener(f -> done.complete(null));
        return done;
    }

    private void failAll(Throwable cause) {
        connected.completeExceptionally(cause);
        CompletableFuture<Void> f;
        while ((f = awaitingPong.poll()) != null) f.completeExceptionally(cause);
    }

    private void received(long now, Message m) {
        switch (m.type()) {
            case PUBLISH -> {
                if (((PublishMessage) m).value() instanceof BytesValue b && b.length() == Probe.BYTES) {
                    sink.delivered(now, longAt(b, 0), longAt(b, 8), longAt(b, 16));
                }
            }
            case WELCOME -> {
                routerName = ((WelcomeMessage) m).name();
                connected.complete(null);
            }
            case PONG -> {
                CompletableFuture<Void> f = awaitingPong.poll();
                if (f != null) f.complete(null);
            }
            case ERROR -> {
                if (errors.getAndIncrement() == 0) System.err.println("CLASP error from router: " + ((ErrorMessage) m).message());
            }
            default -> { }  // SNAPSHOT after WELCOME
        }
    }

    private static long longAt(BytesValue b, int offset) {
        long v = 0;
        for (int i = 0; i < 8; i++) v = (v << 8) | (b.get(offset + i) & 0xFF);
        return v;
    }

    private final class Handler extends SimpleChannelInboundHandler<WebSocketFrame> {
        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
            if (event == ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
                write(ctx.channel(), Frame.of(new HelloMessage(1, EnumSet.of(Feature.PARAM, Feature.EVENT, Feature.STREAM), "clasp-bench", null)));
            } else if (event == ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
                failAll(new IllegalStateException("WebSocket handshake timed out"));
            }
            super.userEventTriggered(ctx, event);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
            long now = System.nanoTime();
            if (!(frame instanceof BinaryWebSocketFrame)) return;
            try {
                received(now, CODEC.decode(frame.content()).message());
            } catch (DecodeException e) {
                errors.incrementAndGet();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            failAll(cause);
            ctx.close();
        }
    }
}
