package clasp.bridge.osc.internal;

import io.netty.buffer.ByteBuf;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * The bridge's sockets for one transport: UDP datagrams ({@link UdpLink}) or OSC 1.1 streams over TCP
 * ({@link TcpLink}). Everything runs on the instance's one I/O thread; {@link #close} releases every socket.
 */
interface Link {
    /** What a link reports; called on the I/O thread. */
    interface Events {
        /** One OSC packet's bytes from {@code sender}, valid only during the call. */
        void packet(ByteBuf content, InetSocketAddress sender);

        /** Bytes that are no OSC packet (bad framing), with the reason. */
        void malformed(String why);

        /** Listening at {@code local}. */
        void bound(InetSocketAddress local);

        /** The listening socket could not be opened; the link does nothing more. */
        void failed(String why);

        /** {@code count} packets went out. */
        void sent(int count);

        /** A packet could not go out. */
        void notSent(String why);
    }

    /** Opens the listening socket and starts reaching the peers; returns at once. */
    void open();

    /** Sends a copy of {@code packet} to each target; the caller keeps its reference. */
    void send(ByteBuf packet, List<InetSocketAddress> targets);

    /** Where it listens, or null before {@link Events#bound}. */
    InetSocketAddress localAddress();

    /** Closes every socket of the link; no event follows. */
    void close();
}
