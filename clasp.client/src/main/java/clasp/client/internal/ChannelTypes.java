package clasp.client.internal;

import io.netty.channel.EventLoop;
import io.netty.channel.IoEventLoop;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/**
 * The channel classes that fit a loop: NIO (the client's own loop), or epoll when the caller shares an epoll group.
 * The epoll classes are touched only then (the epoll bundle is optional).
 */
final class ChannelTypes {
    private ChannelTypes() { }

    static Class<? extends SocketChannel> socket(EventLoop loop) {
        return isNio(loop) ? NioSocketChannel.class : Epoll.SOCKET;
    }

    static Class<? extends DatagramChannel> datagram(EventLoop loop) {
        return isNio(loop) ? NioDatagramChannel.class : Epoll.DATAGRAM;
    }

    private static boolean isNio(EventLoop loop) {
        return !(loop instanceof IoEventLoop io) || io.isIoType(NioIoHandler.class);
    }

    private static final class Epoll {
        static final Class<? extends SocketChannel> SOCKET = io.netty.channel.epoll.EpollSocketChannel.class;
        static final Class<? extends DatagramChannel> DATAGRAM = io.netty.channel.epoll.EpollDatagramChannel.class;
    }
}
