package clasp.client.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import java.util.function.Consumer;
import java.util.function.Function;

/** A {@link Link} over a Netty channel: {@code wrap} turns a frame into what the pipeline's tail expects. */
final class ChannelLink implements Link {
    private final Channel channel;
    private final Function<ByteBuf, Object> wrap;
    private final Consumer<Channel> closer;

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
        // A failed write means the channel is going: its close reports the loss.
        channel.writeAndFlush(wrap.apply(frame)).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
    }

    @Override public ByteBufAllocator alloc() { return channel.alloc(); }

    @Override public boolean writable() { return channel.isWritable(); }

    @Override public void close() { closer.accept(channel); }
}
