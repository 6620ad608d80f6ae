package clasp.client.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A {@link Link} over a Netty channel: {@code wrap} turns a frame into what the pipeline's tail expects. It counts the
 * bytes of frames written but not yet handed to the socket (or QUIC stream) and is not {@linkplain #writable()
 * writable} above {@value #HIGH} of them, until they are below {@value #LOW}: the same on every transport, whatever
 * the channel's own writability means there (a QUIC stream's flips with its flow-control credit). Event loop only.
 */
final class ChannelLink implements Link {
    static final int HIGH = 1024 * 1024;
    static final int LOW = 512 * 1024;

    private final Channel channel;
    private final Function<ByteBuf, Object> wrap;
    private final Consumer<Channel> closer;
    private long pending;
    private boolean busy;

    ChannelLink(Channel channel, Function<ByteBuf, Object> wrap, Consumer<Channel> closer) {
        this.channel = channel;
        this.wrap = wrap;
        this.closer = closer;
    }

    ChannelLink(Channel channel, Function<ByteBuf, Object> wrap) {
        this(channel, wrap, Channel::close);
    }

    @Override
    public void send(ByteBuf frame) {
        int bytes = frame.readableBytes();
        pending += bytes;
        channel.writeAndFlush(wrap.apply(frame)).addListener(written -> {
            pending -= bytes;
            // A failed write means the channel is going: its close reports the loss.
            if (!written.isSuccess()) channel.close();
        });
    }

    @Override public ByteBufAllocator alloc() { return channel.alloc(); }

    @Override
    public boolean writable() {
        busy = busy ? pending > LOW : pending > HIGH;
        return !busy;
    }

    @Override public void close() { closer.accept(channel); }
}
