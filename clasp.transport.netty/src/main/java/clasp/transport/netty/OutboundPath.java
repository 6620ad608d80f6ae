package clasp.transport.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOutboundBuffer;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;

/**
 * The one ordered outbound path of a connection (the {@code Connection} contract). Any thread offers frames to one
 * lock-free queue; the channel's event loop drains it, writing queued frames into the channel while the
 * channel has room ({@value #IN_FLIGHT_BYTES} bytes "in flight", the channel's own watermarks) and flushing once
 * per drain. So the backlog of a slow peer waits here as whole frames, where {@link #closeNow} can discard it.
 *
 * <p>Threads: producers touch only {@code queue}, {@code queuedBytes}, {@code drainClaimed}, {@code state},
 * {@code closeNowRequest} and {@code unwritable}. Whoever turns {@code drainClaimed} from 0 to 1 is the
 * queue's only consumer until it turns it back: a drain on the event loop, or, once the event loop is gone, the
 * producer itself, which releases what it finds. Every other field is the event loop's. No locks.
 *
 * <p>The counters are volatile fields with static field updaters, not {@code Atomic*} objects, and the path is its
 * own drain task: an idle connection holds this object, its queue's one node and nothing else.
 */
public final class OutboundPath implements Runnable {
    /** Bytes handed to the channel ahead of the queue; the close of {@link #closeNow} waits behind these only. */
    public static final int IN_FLIGHT_BYTES = 64 * 1024;

    private static final int OPEN = 0;
    private static final int CLOSING = 1;     // close(): the queue first, then the close frame
    private static final int DISCARDING = 2;  // closeNow(): the close frame next, the queue released

    /** Queued by close(): the close's place in the order. */
    private record CloseRequest(int code, String reason) {
    }

    private final Channel channel;
    private final Wire wire;
    private final long highWaterMark;
    private final long lowWaterMark;
    // Linked, not an array queue: an idle connection holds one empty node, not a padded array of slots.
    private static final AtomicLongFieldUpdater<OutboundPath> QUEUED_BYTES =
            AtomicLongFieldUpdater.newUpdater(OutboundPath.class, "queuedBytes");
    private static final AtomicIntegerFieldUpdater<OutboundPath> DRAIN_CLAIMED =
            AtomicIntegerFieldUpdater.newUpdater(OutboundPath.class, "drainClaimed");
    private static final AtomicIntegerFieldUpdater<OutboundPath> STATE =
            AtomicIntegerFieldUpdater.newUpdater(OutboundPath.class, "state");

    private final Queue<Object> queue = new ConcurrentLinkedQueue<>();
    private volatile long queuedBytes;
    private volatile int drainClaimed;  // 0 or 1
    private volatile int state = OPEN;
    private final GracefulClose closing;
    private volatile boolean unwritable;
    private volatile CloseRequest closeNowRequest;
    private Runnable onWritable = () -> { };   // event loop only, like the rest below
    private boolean closeWritten;

    public OutboundPath(Channel channel, Wire wire, long highWaterMark, long lowWaterMark, GracefulClose closing) {
        this.channel = channel;
        this.wire = wire;
        this.highWaterMark = highWaterMark;
        this.lowWaterMark = lowWaterMark;
        this.closing = closing;
    }

    /** Called (on the event loop) each time the path becomes writable again. */
    public void onWritable(Runnable callback) {
        this.onWritable = callback;
    }

    /** Any thread: queues one frame, or releases it if the connection is closing. */
    public void offer(ByteBuf frame) {
        if (state != OPEN) {
            frame.release();
            return;
        }
        long total = QUEUED_BYTES.addAndGet(this, frame.readableBytes()) + channelBytes(); // counted before the drain takes it
        queue.offer(frame);
        if (total > highWaterMark && !unwritable) {
            unwritable = true;  // the drain stops reading the peer
        }
        requestDrain();
    }

    /** Any thread: the close frame after every frame queued so far. */
    public void close(int code, String reason) {
        if (STATE.compareAndSet(this, OPEN, CLOSING)) {
            queue.offer(new CloseRequest(code, reason));
            requestDrain();
        }
    }

    /** Any thread: releases every frame not yet handed to the channel; the close frame goes next. */
    public void closeNow(int code, String reason) {
        if (closeNowRequest == null) {
            closeNowRequest = new CloseRequest(code, reason);
        }
        if (STATE.getAndSet(this, DISCARDING) != DISCARDING) {
            requestDrain();
        }
    }

    public boolean isOpen() {
        return state == OPEN;
    }

    public boolean isWritable() {
        return !unwritable;
    }

    public long queuedBytes() {
        return queuedBytes + channelBytes();
    }

    private long channelBytes() {
        ChannelOutboundBuffer buffer = channel.unsafe().outboundBuffer();
        return buffer == null ? 0 : buffer.totalPendingWriteBytes();
    }

    /** Event loop: the channel took its in-flight bytes, or closed; carry on draining. */
    public void channelChanged() {
        if (DRAIN_CLAIMED.compareAndSet(this, 0, 1)) {
            drain();
        }
    }

    private void requestDrain() {
        while (DRAIN_CLAIMED.compareAndSet(this, 0, 1)) {
            try {
                channel.eventLoop().execute(this); // on the loop too: a burst of replies is flushed once
                return;
            } catch (RejectedExecutionException loopGone) {
                releaseQueued();
                drainClaimed = 0;
                if (queue.isEmpty()) {
                    return;
                }
            }
        }
    }

    /** The drain task: event loop, holding the claim. */
    @Override
    public void run() {
        drain();
    }

    /** Event loop, holding the claim: drains until the queue is empty or the channel is full, then gives it back. */
    private void drain() {
        do {
            int seen = state;
            boolean waiting = drainOnce(seen);
            drainClaimed = 0;
            // A producer that found the claim taken left its work to us: a new close, or frames to write.
            // A closeNow() queues nothing, so only the state tells of it, whether or not the channel is full.
            boolean more = state != seen || !waiting && !queue.isEmpty();
            if (!more) {
                break;
            }
        } while (DRAIN_CLAIMED.compareAndSet(this, 0, 1));
        updateWritability();
        closing.reading(state == OPEN && !unwritable);
    }

    /** Returns true when it stopped because the channel is full (a writability change resumes it). */
    private boolean drainOnce(int now) {
        if (now != OPEN) {
            closing.armDeadline();
        }
        if (now == DISCARDING || closeWritten || !channel.isActive()) {
            releaseQueued();
            if (now == DISCARDING) {
                writeClose(closeNowRequest);
            }
            return false;
        }
        boolean wrote = false;
        Object item;
        while (channel.isWritable() && (item = queue.poll()) != null) {
            if (item instanceof ByteBuf frame) {
                int size = frame.readableBytes();
                if (closeWritten) {
                    frame.release();
                } else {
                    channel.write(wire.message(frame), channel.voidPromise());
                    wrote = true;
                }
                QUEUED_BYTES.addAndGet(this, -size);
            } else {
                if (wrote) {
                    channel.flush();
                    wrote = false;
                }
                writeClose((CloseRequest) item);
            }
        }
        if (wrote) {
            if (unwritable) {
                // The last write tells when the backlog is gone, for peers that never filled the channel itself.
                channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(f -> channelChanged());
            } else {
                channel.flush();
            }
        }
        return !queue.isEmpty() && !channel.isWritable();
    }

    private void releaseQueued() {
        Object item;
        while ((item = queue.poll()) != null) {
            if (item instanceof ByteBuf frame) {
                QUEUED_BYTES.addAndGet(this, -frame.readableBytes());
                frame.release();
            }
        }
    }

    private void writeClose(CloseRequest request) {
        if (closeWritten) {
            return;
        }
        closeWritten = true;
        if (channel.isActive()) {
            Object message = wire.closeMessage(request.code(), request.reason());
            ChannelFuture written = channel.writeAndFlush(message == null ? Unpooled.EMPTY_BUFFER : message);
            closing.afterClose(written);
        }
    }

    private void updateWritability() {
        if (unwritable && queuedBytes() <= lowWaterMark && state == OPEN && channel.isActive()) {
            unwritable = false;
            onWritable.run();
        } else if (!unwritable && queuedBytes() > highWaterMark) {
            unwritable = true;
        }
    }
}
