package clasp.client.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/** An open connection carrying CLASP frames. Called on its event loop only. */
public interface Link {
    /** Sends one frame; takes ownership of {@code frame}. */
    void send(ByteBuf frame);

    ByteBufAllocator alloc();

    /** False while more than 1 MiB of frames wait to be sent, until less than 512 KiB do (the peer does not keep up). */
    boolean writable();

    /** Closes the link; {@link Inbound#closed} follows. */
    void close();
}
