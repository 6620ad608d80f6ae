package clasp.transport.quic.internal;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;

/**
 * The only class touching Netty's epoll package, an optional import: several UDP sockets on one port need epoll's
 * SO_REUSEPORT. Without the epoll bundles (or the native fragment) {@link #available()} is false.
 */
final class ReusePort {
    private ReusePort() {
    }

    static boolean available() {
        try {
            return Epoll.isAvailable();
        } catch (LinkageError missing) {
            return false;
        }
    }

    /** Lets several UDP sockets bind one port; the kernel spreads the datagrams over them by their source. */
    static Bootstrap on(Bootstrap bootstrap) {
        return bootstrap.option(EpollChannelOption.SO_REUSEPORT, true);
    }
}
