package clasp.transport.serial.internal;

import clasp.protocol.transport.Connection;
import io.netty.buffer.ByteBuf;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * One router session on an open serial port, as the router sees it. Its outbound path is one lock-free queue of
 * whole frames: any thread offers, the session's one writer ({@link SessionWriter}) takes them in queue order and
 * is the only consumer, so frames leave in the order their {@link #send} calls entered the queue. A close is a
 * marker in that queue (the frames before it are written first); {@link #closeNow} makes the writer drop what is
 * left. SLIP has no close message: a session ends when its writer has reached the close, and the port stays
 * open for the device's next session.
 *
 * <p>Threads: producers (router threads) touch only the queue, {@code queuedBytes}, {@code state},
 * {@code unwritable} and {@code closeDeadline}; the writer polls the queue and moves {@code state} to ENDED; the
 * line's reader sets {@code lastActivity}. No locks.
 */
final class SerialConnection implements Connection {
    static final String TRANSPORT = "serial";
    /** How long a close may wait behind frames the device does not take before the port is closed regardless. */
    static final Duration CLOSE_DEADLINE = Duration.ofSeconds(10);

    private static final int OPEN = 0;
    private static final int CLOSING = 1;     // close(): the queue first, then the end
    private static final int DISCARDING = 2;  // closeNow() or the port gone: the queue released, the end next
    private static final int ENDED = 3;

    /** Queued by close(): its place in the order. */
    record CloseRequest(int code, String reason) {
    }

    private final String path;
    private final int maxFrameBytes;
    private final long highWaterMark;
    private final long lowWaterMark;
    private final Queue<Object> queue = new ConcurrentLinkedQueue<>();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicInteger state = new AtomicInteger(OPEN);
    private volatile boolean unwritable;
    private volatile long closeDeadline;  // System.nanoTime() past which the close is overdue; 0 = none
    private volatile long lastActivity = System.nanoTime();
    private volatile Thread writer;

    SerialConnection(SerialSettings settings) {
        this.path = settings.path();
        this.maxFrameBytes = settings.maxFrameBytes();
        this.highWaterMark = settings.highWaterMark();
        this.lowWaterMark = settings.lowWaterMark();
    }

    @Override
    public String transport() {
        return TRANSPORT;
    }

    /** The port's configured path. */
    @Override
    public String remoteAddress() {
        return path;
    }

    /** A serial line authenticates nobody. */
    @Override
    public String peerIdentity() {
        return null;
    }

    @Override
    public int maxFrameBytes() {
        return maxFrameBytes;
    }

    @Override
    public void send(ByteBuf frame) {
        if (state.get() != OPEN) {
            frame.release();
            return;
        }
        long total = queuedBytes.addAndGet(frame.readableBytes());
        queue.offer(frame);
        if (total > highWaterMark) {
            unwritable = true;
        }
        if (state.get() == ENDED) {
            releaseQueued(); // the writer finished before this frame got in: nobody else will release it
        }
        LockSupport.unpark(writer);
    }

    @Override
    public boolean isWritable() {
        return !unwritable;
    }

    @Override
    public long queuedBytes() {
        return queuedBytes.get();
    }

    @Override
    public long lastActivityNanos() {
        return lastActivity;
    }

    @Override
    public void close(int code, String reason) {
        if (state.compareAndSet(OPEN, CLOSING)) {
            armDeadline();
            queue.offer(new CloseRequest(code, reason));
            LockSupport.unpark(writer);
        }
    }

    /** Also how the line ends a session whose port is gone. SLIP has no close message: code and reason are not sent. */
    @Override
    public void closeNow(int code, String reason) {
        int now;
        while ((now = state.get()) < DISCARDING) {
            if (state.compareAndSet(now, DISCARDING)) {
                armDeadline();
                LockSupport.unpark(writer);
                return;
            }
        }
    }

    private void armDeadline() {
        if (closeDeadline == 0) {
            closeDeadline = System.nanoTime() + CLOSE_DEADLINE.toNanos();
        }
    }

    /** False once a close was asked for: frames from the device go to the next session. */
    boolean isOpen() {
        return state.get() == OPEN;
    }

    /** True once the writer has finished and the router was told. */
    boolean isEnded() {
        return state.get() == ENDED;
    }

    /** True when a close has waited past {@link #CLOSE_DEADLINE} for the writer. */
    boolean closeOverdue(long nowNanos) {
        long deadline = closeDeadline;
        return deadline != 0 && nowNanos - deadline > 0 && state.get() != ENDED;
    }

    /** Reader: the device sent bytes now. */
    void touch() {
        lastActivity = System.nanoTime();
    }

    // ---- the writer's side

    /** Set once, before the writer starts: the thread producers wake. */
    void writer(Thread thread) {
        this.writer = thread;
    }

    /** Writer: true when queued frames are to be dropped, not written. */
    boolean discarding() {
        return state.get() == DISCARDING;
    }

    /** Writer: the next frame or {@link CloseRequest}, or null when the queue is empty. */
    Object poll() {
        return queue.poll();
    }

    /** Writer: {@code size} bytes left the queue; true when that made the session writable again. */
    boolean written(int size) {
        long left = queuedBytes.addAndGet(-size);
        if (unwritable && left <= lowWaterMark && state.get() == OPEN) {
            unwritable = false;
            return true;
        }
        return false;
    }

    /** Writer, last: no frame is written any more; whatever is still queued, or offered later, is released. */
    void ended() {
        state.set(ENDED);
        releaseQueued();
    }

    private void releaseQueued() {
        Object item;
        while ((item = queue.poll()) != null) {
            if (item instanceof ByteBuf frame) {
                queuedBytes.addAndGet(-frame.readableBytes());
                frame.release();
            }
        }
    }

    @Override
    public String toString() {
        return TRANSPORT + " " + path;
    }
}
