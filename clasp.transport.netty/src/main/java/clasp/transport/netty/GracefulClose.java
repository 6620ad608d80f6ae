package clasp.transport.netty;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.socket.DuplexChannel;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Ends a connection without a reset. Closing a socket with unread input sends a TCP reset, and a reset lets the
 * peer's kernel drop what it has not read yet, our last frames and close message among it. So once the close (the
 * transport's close message, or just the last queued byte) is written the
 * output is shut down (FIN behind the queued bytes) and the peer is read, and ignored, until it closes too or
 * {@link #LINGER} passes. Also decides whether the peer is read at all (back-pressure) and bounds how long a
 * close may wait behind a backlog the peer never takes ({@link #CLOSE_DEADLINE}). Event loop only.
 */
public final class GracefulClose {
    /** How long the peer has, after our close, to close its side. */
    public static final Duration LINGER = Duration.ofSeconds(2);
    /** How long a close may wait behind queued frames before the socket is closed regardless. */
    public static final Duration CLOSE_DEADLINE = Duration.ofSeconds(10);

    private final Channel channel;
    private boolean lingering;
    private boolean wanted = true;        // what back-pressure wants
    private long pausedUntilNanos;        // a pause for a peer over its rate (0: none)
    private ScheduledFuture<?> deadline;

    public GracefulClose(Channel channel) {
        this.channel = channel;
    }

    /** Reads the peer or stops reading it; while lingering the peer is always read (and ignored). */
    public void reading(boolean wanted) {
        this.wanted = wanted;
        apply();
    }

    /** Stops reading for {@code millis}, then reads again if back-pressure allows. */
    public void pause(long millis) {
        pausedUntilNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        apply();
        channel.eventLoop().schedule(this::apply, millis, TimeUnit.MILLISECONDS);
    }

    private void apply() {
        if (lingering) return;
        boolean read = wanted && (pausedUntilNanos == 0 || System.nanoTime() - pausedUntilNanos >= 0);
        if (channel.config().isAutoRead() != read) {
            channel.config().setAutoRead(read);
        }
    }

    /** A close was asked for: the socket closes within {@link #CLOSE_DEADLINE} whatever the peer does. */
    public void armDeadline() {
        if (deadline == null) {
            deadline = schedule(CLOSE_DEADLINE);
        }
    }

    /** The close was handed to the channel: once it is written, shut the output down and linger. */
    public void afterClose(ChannelFuture written) {
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
    public void closed() {
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
