package clasp.transport.quic.internal;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.epoll.EpollChannelOption;

/** The only class touching Netty's epoll package (an optional import): used only when the event loops are epoll. */
final class ReusePort {
    private ReusePort() {
    }

    /** Lets several UDP sockets bind one port; the kernel spreads the datagrams over them by their source. */
    static Bootstrap on(Bootstrap bootstrap) {
        return bootstrap.option(EpollChannelOption.SO_REUSEPORT, true);
    }
}
