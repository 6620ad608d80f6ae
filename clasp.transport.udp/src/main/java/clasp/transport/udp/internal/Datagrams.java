package clasp.transport.udp.internal;

import clasp.api.message.HelloMessage;
import clasp.protocol.ClaspCodec;
import clasp.protocol.DecodeException;
import io.netty.buffer.ByteBuf;

/** What a received datagram is: exactly one CLASP frame or not, and whether it opens a session. Stateless. */
final class Datagrams {
    private Datagrams() {
    }

    /**
     * Null when {@code content} is exactly one CLASP frame of at most {@code maxFrameBytes} (by its header only: the
     * router decodes the payload), else why not. Reads without moving the reader index.
     */
    static UdpRefusal problem(ByteBuf content, int maxFrameBytes) {
        int size = content.readableBytes();
        if (size > maxFrameBytes) {
            return UdpRefusal.TOO_BIG;
        }
        int declared;
        try {
            declared = ClaspCodec.frameLength(content);
        } catch (DecodeException badMagic) {
            return UdpRefusal.UNDECODABLE;
        }
        if (declared < 0) {
            return UdpRefusal.TRUNCATED;
        }
        return declared == size ? null : UdpRefusal.UNDECODABLE; // bytes after the frame
    }

    /**
     * Null when the frame (already checked by {@link #problem}) decodes as a HELLO, the only frame that opens a session;
     * else why it does not. Decodes a copy of the reader index: {@code frame} is left as it was.
     */
    static UdpRefusal notHello(ByteBuf frame, ClaspCodec codec) {
        try {
            return codec.decode(frame.duplicate()).message() instanceof HelloMessage ? null : UdpRefusal.NOT_HELLO;
        } catch (DecodeException e) {
            return UdpRefusal.UNDECODABLE;
        }
    }
}
