package clasp.adapter.osc.internal;

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
 * The ordered outbound queue of one OSC peer on the listener's shared channel: any thread offers OSC datagrams (the
 * router's frames already translated) to one lock-free queue; the channel's event loop drains it, one
 * {@link DatagramPacket} to the peer per datagram, in offer order, flushed once per drain. Bounded by bytes: a datagram
 * offered while the queue holds more than the high watermark is dropped and counted (UDP loses datagrams anyway). The
 * close ends the session after the queued datagrams; the close-now at once.
 * UDP has no close message: an ended session simply sends nothing more.
 *
 * <p>Threads: producers touch only {@code queue}, {@code queuedBytes}, {@code drainClaimed}, {@code state} and
 * {@code unwritable}. Whoever turns {@code drainClaimed} from 0 to 1 is the queue's only consumer until it turns it
 * back: a drain on the event loop or, once the event loop is gone, the producer itself, which releases what it finds.
 * No locks. (The scheme of the UDP transport's peer queue.)
 */
final class PeerOutbound implements Runnable {
    private static final int OPEN = 0;
    private static final int CLOSING = 1;     // close(): the queue first, then the end
    private static final int DISCARDING = 2;  // closeNow(): the queue released, then the end
    private static final int ENDED = 3;       // the session is over; anything left is released

    /** Queued by close(): the end's place in the order. */
    private static final Object END = new Object();

    private static final AtomicLongFieldUpdater<PeerOutbound> QUEUED_BYTES =
            AtomicLongFieldUpdater.newUpdater(PeerOutbound.class, "queuedBytes");
    private static final AtomicIntegerFieldUpdater<PeerOutbound> DRAIN_CLAIMED =
            AtomicIntegerFieldUpdater.newUpdater(PeerOutbound.class, "drainClaimed");
    private static final AtomicIntegerFieldUpdater<PeerOutbound> STATE =
            AtomicIntegerFieldUpdater.newUpdater(PeerOutbound.class, "state");

    private final OscPeer owner;
    private final Channel channel;
    private final InetSocketAddress peer;
    private final OscLink link;
    private final Queue<Object> queue = new ConcurrentLinkedQueue<>();
    private volatile long queuedBytes;
    private volatile int drainClaimed;  // 0 or 1
    private volatile int state = OPEN;
    private volatile boolean unwritable;

    PeerOutbound(OscPeer owner, Channel channel, InetSocketAddress peer, OscLink link) {
        this.owner = owner;
        this.channel = channel;
        this.peer = peer;
        this.link = link;
    }

    /** Any thread: queues one frame, or releases it (closing, too big, or the queue above its bound). */
    void offer(ByteBuf frame) {
        if (state != OPEN) {
            frame.release();
            return;
        }
        OscSettings limits = link.settings();
        int size = frame.readableBytes();
        if (size > limits.maxDatagramBytes()) {
            link.refusals().count(OscRefusal.OUTBOUND_TOO_BIG);
            frame.release();
            return;
        }
        long before = QUEUED_BYTES.getAndAdd(this, size);
        if (before > limits.highWaterMark()) {
            QUEUED_BYTES.addAndGet(this, -size);
            link.refusals().count(OscRefusal.OUTBOUND_FULL);
            frame.release();
            return;
        }
        queue.offer(frame);
        if (before + size > limits.highWaterMark() && !unwritable) {
            unwritable = true; // set before the drain is asked for: the drain's check comes after it
        }
        requestDrain();
    }

    /** Any thread: the session ends after every frame queued so far. */
    void close() {
        if (STATE.compareAndSet(this, OPEN, CLOSING)) {
            queue.offer(END);
            requestDrain();
        }
    }

    /** Any thread: the session ends at once; queued frames are released. */
    void closeNow() {
        if (STATE.compareAndSet(this, OPEN, DISCARDING) || STATE.compareAndSet(this, CLOSING, DISCARDING)) {
            requestDrain();
        }
    }

    /** Event loop: the session ended without the router asking (idle, listener stopping); releases what is left. */
    void ended() {
        state = ENDED;
        requestDrain();
    }

    boolean isOpen() {
        return state == OPEN;
    }

    boolean isWritable() {
        return !unwritable;
    }

    long queuedBytes() {
        return queuedBytes;
    }

    /** Event loop: the channel has room again; carry on draining. */
    void resume() {
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
        OscSettings limits = link.settings();
        if (unwritable && queuedBytes <= limits.lowWaterMark() && state == OPEN) {
            unwritable = false;
            link.writable(owner);
        } else if (!unwritable && queuedBytes > limits.highWaterMark()) {
            unwritable = true;
        }
    }
}
