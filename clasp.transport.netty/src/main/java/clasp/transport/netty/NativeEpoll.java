package clasp.transport.netty;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.ServerSocketChannel;

/**
 * The only class touching Netty's epoll classes. Their package is an optional import: without the epoll bundles
 * (or on a platform without the native fragment) {@link #isAvailable()} is false and the transport uses NIO.
 */
final class NativeEpoll {
    private NativeEpoll() {
    }

    static boolean isAvailable() {
        try {
            return Epoll.isAvailable();
        } catch (LinkageError missing) {
            return false;
        }
    }

    static String unavailabilityCause() {
        try {
            return String.valueOf(Epoll.unavailabilityCause());
        } catch (LinkageError missing) {
            return "package io.netty.channel.epoll is not available (" + missing + ")";
        }
    }

    static IoHandlerFactory ioHandlerFactory() {
        return EpollIoHandler.newFactory();
    }

    static Class<? extends ServerSocketChannel> serverChannelType() {
        return EpollServerSocketChannel.class;
    }

    static Class<? extends DatagramChannel> datagramChannelType() {
        return EpollDatagramChannel.class;
    }
}
