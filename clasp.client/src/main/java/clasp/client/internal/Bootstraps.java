package clasp.client.internal;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** What the stream connectors share: a TCP bootstrap on the client's loop, and a link future with a deadline. */
final class Bootstraps {
    private Bootstraps() { }

    static Bootstrap tcp(EventLoop loop, Duration timeout) {
        return new Bootstrap().group(loop).channel(ChannelTypes.socket(loop))
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    }

    static int port(URI uri, int fallback) {
        if (uri.getPort() > 0) return uri.getPort();
        if (fallback > 0) return fallback;
        throw new IllegalArgumentException(uri + ": a port is required");
    }

    /**
     * Connects, and fails {@code ready} (closing the channel) if the connect fails, the channel closes during the
     * handshakes that follow, or {@code ready} is not completed within {@code timeout}.
     */
    static void connect(Bootstrap b, URI uri, int port, Duration timeout, EventLoop loop, CompletableFuture<Link> ready,
                        FrameHandler frames) {
        ChannelFuture f = b.connect(uri.getHost(), port);
        Channel channel = f.channel();
        f.addListener(done -> {
            if (!done.isSuccess()) fail(ready, frames, channel, done.cause());
        });
        loop.schedule(() -> fail(ready, frames, channel, new TimeoutException("no link to " + uri + " within " + timeout)),
                timeout.toMillis(), TimeUnit.MILLISECONDS);
        channel.closeFuture().addListener(x -> {
            if (f.isSuccess()) fail(ready, frames, channel, new java.io.IOException("connection to " + uri + " closed during its handshake"));
        });
    }

    static void fail(CompletableFuture<Link> ready, FrameHandler frames, Channel channel, Throwable cause) {
        if (ready.isDone()) return;
        frames.silence();
        ready.completeExceptionally(cause);
        channel.close();
    }
}
