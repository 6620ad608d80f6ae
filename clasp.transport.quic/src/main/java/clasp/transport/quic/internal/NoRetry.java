package clasp.transport.quic.internal;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.quic.QuicTokenHandler;
import java.net.InetSocketAddress;

/**
 * No QUIC Retry: a client's first packet starts its handshake at once, without the extra round trip of an
 * address-validation token. Until the client's address is validated by the handshake itself, QUIC lets the
 * server send at most three times what it received, which bounds reflection.
 */
final class NoRetry implements QuicTokenHandler {
    static final NoRetry INSTANCE = new NoRetry();

    private NoRetry() {
    }

    @Override
    public boolean writeToken(ByteBuf out, ByteBuf dcid, InetSocketAddress address) {
        return false;
    }

    @Override
    public int validateToken(ByteBuf token, InetSocketAddress address) {
        return -1; // we never issue tokens: one is never valid
    }

    @Override
    public int maxTokenLength() {
        return 0;
    }
}
