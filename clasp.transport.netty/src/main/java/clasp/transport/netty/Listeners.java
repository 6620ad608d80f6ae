package clasp.transport.netty;

import io.netty.bootstrap.AbstractBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.slf4j.Logger;

/** What every listener does when it starts: Netty set up under its bundle's class loader, and a bind with a deadline. */
public final class Listeners {
    /** How long a listener waits for its socket to be bound. */
    public static final Duration BIND_TIMEOUT = Duration.ofSeconds(4);

    /** Work that returns a value and may throw. */
    @FunctionalInterface
    public interface Setup<T, E extends Exception> {
        T run() throws E;
    }

    private Listeners() { }

    /**
     * Runs {@code setup} with {@code owner}'s class loader as the thread's context class loader: Netty looks up
     * resources and native libraries through it, and inside OSGi the caller's is the wrong one.
     */
    public static <T, E extends Exception> T callWithLoaderOf(Class<?> owner, Setup<T, E> setup) throws E {
        Thread current = Thread.currentThread();
        ClassLoader previous = current.getContextClassLoader();
        current.setContextClassLoader(owner.getClassLoader());
        try {
            return setup.run();
        } finally {
            current.setContextClassLoader(previous);
        }
    }

    /** {@link #callWithLoaderOf} for work that returns nothing. */
    public static void withLoaderOf(Class<?> owner, Runnable setup) {
        callWithLoaderOf(owner, () -> {
            setup.run();
            return null;
        });
    }

    /**
     * Binds {@code bootstrap} to {@code host:port}, waiting at most {@link #BIND_TIMEOUT}. On failure it logs
     * {@code "<who>: cannot listen on host:port: <why>"} at ERROR to {@code log}, closes the channel and throws an
     * {@link IllegalStateException} with that text (shown to admins by {@code clasp.transport:list}).
     */
    public static Channel bind(AbstractBootstrap<?, ?> bootstrap, String host, int port, Logger log, String who) {
        ChannelFuture bound = bootstrap.bind(new InetSocketAddress(host, port));
        if (!bound.awaitUninterruptibly(BIND_TIMEOUT.toMillis()) || !bound.isSuccess()) {
            Throwable cause = bound.isDone() ? bound.cause() : null;
            String message = "cannot listen on " + host + ":" + port + ": " + (cause == null ? "bind timed out"
                    : cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
            log.error("{}: {}", who, message);
            bound.channel().close();
            throw new IllegalStateException(message, cause);
        }
        return bound.channel();
    }
}
