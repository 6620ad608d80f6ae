package clasp.transport.netty;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;

/**
 * The ordered outbound queue of one peer on a datagram channel that serves many peers (the UDP transport, the OSC
 * adapter): any thread offers datagrams to one lock-free queue; the channel's event loop drains it, one
 * {@link DatagramPacket} to the peer per datagram, in offer order, flushed once per drain. Bounded by bytes: a datagram
 * offered while the queue holds more than the high watermark is dropped and counted (UDP loses datagrams anyway). The
 * close ends the session after the queued datagrams; the close-now at once. UDP has no close message: an ended session
 * simply sends nothing more.
 *
 * <p>Threads: producers touch only {@code queue}, {@code queuedBytes}, {@code drainClaimed}, {@code state} and
 * {@code unwritable}. Whoever turns {@code drainClaimed} from 0 to 1 is the queue's only consumer until it turns it
 * back: a drain on the event loop or, once the event loop is gone, the producer itself, which releases what it finds.
 * No locks. (The same scheme as {@link OutboundPath}, which closes its channel: this one must not, the channel serves
 * every peer.)
 *
 * @param <P> the peer's connection, handed back to the {@link Link}
 */
public final class DatagramOutbound<P> implements Runnable {
    /** What the queue reports to the listener that owns the channel; called on the event loop unless stated. */
    public interface Link<P> {
        /** The largest datagram sent; a bigger one is refused ({@link #tooBig}). */
        int maxDatagramBytes();

        /** Above this many queued bytes offers are refused ({@link #full}) and the peer is unwritable. */
        long highWaterMark();

        /** At or below this many queued bytes an unwritable peer is writable again ({@link #writable}). */
        long lowWaterMark();

        /** Any thread: a datagram over {@link #maxDatagramBytes} was dropped. */
        void tooBig();

        /** Any thread: a datagram was dropped because the queue was over its high watermark. */
        void full();

        /** The channel stopped taking writes with datagrams of {@code peer} still queued. */
        void stalled(P peer);

        /** The session of {@code peer} ended (after its queue, or at once); called once. */
        void finished(P peer);

        /** The queue of {@code peer} fell to the low watermark: the router may send again. */
        void writable(P peer);
    }

    private static final int OPEN = 0;
    private static final int CLOSING = 1;     // close(): the queue first, then the end
    private static final int DISCARDING = 2;  // closeNow(): the queue released, then the end
    private static final int ENDED = 3;       // the session is over; anything left is released

    /** Queued by close(): the end's place in the order. */
    private static final Object END = new Object();

    private static final AtomicLongFieldUpdater<DatagramOutbound> QUEUED_BYTES =
            AtomicLongFieldUpdater.newUpdater(DatagramOutbound.class, "queuedBytes");
    private static final AtomicIntegerFieldUpdater<DatagramOutbound> DRAIN_CLAIMED =
            AtomicIntegerFieldUpdater.newUpdater(DatagramOutbound.class, "drainClaimed");
    private static final AtomicIntegerFieldUpdater<DatagramOutbound> STATE =
            AtomicIntegerFieldUpdater.newUpdater(DatagramOutbound.class, "state");

    private final P owner;
    private final Channel channel;
    private final InetSocketAddress peer;
    private final Link<P> link;
    private final Queue<Object> queue = new ConcurrentLinkedQueue<>();
    private volatile long queuedBytes;
    private volatile int drainClaimed;  // 0 or 1
    private volatile int state = OPEN;
    private volatile boolean unwritable;

    public DatagramOutbound(P owner, Channel channel, InetSocketAddress peer, Link<P> link) {
        this.owner = owner;
        this.channel = channel;
        this.peer = peer;
        this.link = link;
    }

    /** Any thread: queues one frame, or releases it (closing, too big, or the queue above its bound). */
    public void offer(ByteBuf frame) {
        if (state != OPEN) {
            frame.release();
            return;
        }
        int size = frame.readableBytes();
        if (size > link.maxDatagramBytes()) {
            link.tooBig();
            frame.release();
            return;
        }
        long before = QUEUED_BYTES.getAndAdd(this, size);
        if (before > link.highWaterMark()) {
            QUEUED_BYTES.addAndGet(this, -size);
            link.full();
            frame.release();
            return;
        }
        queue.offer(frame);
        if (before + size > link.highWaterMark() && !unwritable) {
            unwritable = true; // set before the drain is asked for: the drain's check comes after it
        }
        requestDrain();
    }

    /** Any thread: the session ends after every frame queued so far. */
    public void close() {
        if (STATE.compareAndSet(this, OPEN, CLOSING)) {
            queue.offer(END);
            requestDrain();
        }
    }

    /** Any thread: the session ends at once; queued frames are released. */
    public void closeNow() {
        if (STATE.compareAndSet(this, OPEN, DISCARDING) || STATE.compareAndSet(this, CLOSING, DISCARDING)) {
            requestDrain();
        }
    }

    /** Event loop: the session ended without the router asking (idle, listener stopping); releases what is left. */
    public void ended() {
        state = ENDED;
        requestDrain();
    }

    public boolean isOpen() {
        return state == OPEN;
    }

    public boolean isWritable() {
        return !unwritable;
    }

    public long queuedBytes() {
        return queuedBytes;
    }

    /** Event loop: the channel has room again; carry on draining. */
    public void resume() {
        if (DRAIN_CLAIMED.compareAndSet(this, 0, 1)) {
            drain();
        }
    }

    private void requestDrain() {
        while (DRAIN_CLAIMED.compareAndSet(this, 0, 1)) {
            try {
                channel.eventLoop().execute(this); // on the loop too: a burst of frames is flushed once
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

    private void drain() {
        while (true) {
            int seen = state;
            boolean stalled = drainOnce(seen);
            drainClaimed = 0;
            // A producer that found the claim taken left its work to us: frames, or a close-now (which needs no room).
            boolean more = (!stalled && !queue.isEmpty()) || (state == DISCARDING && seen != DISCARDING);
            if (!more || !DRAIN_CLAIMED.compareAndSet(this, 0, 1)) {
                break;
            }
        }
        updateWritability();
    }

    /** Returns true when it stopped because the channel is full (the link resumes it when the channel has room). */
    private boolean drainOnce(int now) {
        if (now == DISCARDING || now == ENDED || !channel.isActive()) {
            releaseQueued();
            if (now == DISCARDING) {
                finish();
            }
            return false;
        }
        boolean wrote = false;
        try {
            Object item;
            while ((item = queue.peek()) != null) {
                if (item == END) {
                    queue.poll();
                    if (wrote) {
                        channel.flush(); // the frames before the close reach the socket before the router hears of it
                        wrote = false;
                    }
                    finish();
                    releaseQueued(); // frames a producer slipped in behind the end
                    return false;
                }
                if (!channel.isWritable()) {
                    link.stalled(owner);
                    return true;
                }
                ByteBuf frame = (ByteBuf) queue.poll();
                QUEUED_BYTES.addAndGet(this, -frame.readableBytes());
                channel.write(new DatagramPacket(frame, peer), channel.voidPromise());
                wrote = true;
            }
            return false;
        } finally {
            if (wrote) {
                channel.flush();
            }
        }
    }

    /** Event loop: the session is over; the link tells the router once. */
    private void finish() {
        state = ENDED;
        link.finished(owner);
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

    private void updateWritability() {
        if (unwritable && queuedBytes <= link.lowWaterMark() && state == OPEN) {
            unwritable = false;
            link.writable(owner);
        } else if (!unwritable && queuedBytes > link.highWaterMark()) {
            unwritable = true;
        }
    }
}
