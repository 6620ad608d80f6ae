package clasp.transport.websocket.internal;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.socket.DuplexChannel;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Ends a connection without a reset. Closing a socket with unread input sends a TCP reset, and a reset lets the
 * peer's kernel drop what it has not read yet, our close frame among it. So once the close frame is written the
 * output is shut down (FIN behind the queued bytes) and the peer is read, and ignored, until it closes too or
 * {@link #LINGER} passes. Also decides whether the peer is read at all (back-pressure) and bounds how long a
 * close may wait behind a backlog the peer never takes ({@link #CLOSE_DEADLINE}). Event loop only.
 */
final class GracefulClose {
    /** How long the peer has, after our close frame, to close its side. */
    static final Duration LINGER = Duration.ofSeconds(2);
    /** How long a close may wait behind queued frames before the socket is closed regardless. */
    static final Duration CLOSE_DEADLINE = Duration.ofSeconds(10);

    private final Channel channel;
    private boolean lingering;
    private ScheduledFuture<?> deadline;

    GracefulClose(Channel channel) {
        this.channel = channel;
    }

    /** Reads the peer or stops reading it; while lingering the peer is always read (and ignored). */
    void reading(boolean wanted) {
        if (!lingering && channel.config().isAutoRead() != wanted) {
            channel.config().setAutoRead(wanted);
        }
    }

    /** A close was asked for: the socket closes within {@link #CLOSE_DEADLINE} whatever the peer does. */
    void armDeadline() {
        if (deadline == null) {
            deadline = schedule(CLOSE_DEADLINE);
        }
    }

    /** The close frame was handed to the channel: once it is written, shut the output down and linger. */
    void afterCloseFrame(ChannelFuture written) {
        written.addListener(done -> {
            if (!done.isSuccess() || !(channel instanceof DuplexChannel duplex) || !channel.isActive()) {
                channel.close();
                return;
            }
            lingering = true;
            duplex.shutdownOutput();
            channel.config().setAutoRead(true);
            cancelDeadline();
            deadline = schedule(LINGER);
        });
    }

    /** The channel closed: nothing is left to time. */
    void closed() {
        cancelDeadline();
    }

    private ScheduledFuture<?> schedule(Duration delay) {
        return channel.eventLoop().schedule(() -> {
            channel.close();
        }, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void cancelDeadline() {
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
    }
}
