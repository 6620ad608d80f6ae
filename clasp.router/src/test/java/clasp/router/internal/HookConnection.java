package clasp.router.internal;

import clasp.api.message.Message;
import clasp.protocol.ClaspCodec;
import clasp.protocol.DecodeException;
import clasp.protocol.transport.Connection;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An in-memory connection that lets a test act at one exact point of the router's code: each hook runs once, on the
 * router's thread, the next time the router calls {@link #send}, {@link #isWritable} or {@link #queuedBytes}.
 */
final class HookConnection implements Connection {
    final AtomicReference<Runnable> onSend = new AtomicReference<>();
    final AtomicReference<Runnable> onIsWritable = new AtomicReference<>();
    final AtomicReference<Runnable> onQueuedBytes = new AtomicReference<>();
    private final List<Message> sent = new ArrayList<>();
    volatile boolean writable = true;
    volatile long queued;
    volatile Integer closeCode;

    private static void run(AtomicReference<Runnable> hook) {
        Runnable r = hook.getAndSet(null);
        if (r != null) r.run();
    }

    @Override public String transport() { return "test"; }
    @Override public String remoteAddress() { return "test:3"; }
    @Override public String peerIdentity() { return null; }
    @Override public int maxFrameBytes() { return 65_547; }

    @Override public void send(ByteBuf frame) {
        run(onSend);
        try {
            Message m = ClaspCodec.defaults().decode(ByteBufUtil.getBytes(frame)).message();
            synchronized (sent) {
                sent.add(m);
            }
        } catch (DecodeException e) {
            throw new AssertionError(e);
        } finally {
            frame.release();
        }
    }

    @Override public boolean isWritable() {
        run(onIsWritable);
        return writable;
    }

    @Override public long queuedBytes() {
        run(onQueuedBytes);
        return queued;
    }

    @Override public long lastActivityNanos() { return System.nanoTime(); }
    @Override public synchronized void close(int code, String reason) { if (closeCode == null) closeCode = code; }
    @Override public void closeNow(int code, String reason) { close(code, reason); }

    List<Message> take() {
        synchronized (sent) {
            List<Message> out = new ArrayList<>(sent);
            sent.clear();
            return out;
        }
    }

    /** Runs {@code task} on a new thread and waits until it ends or blocks on a monitor, so a race happens here. */
    static Thread runUntilDoneOrBlocked(String name, Runnable task) {
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        t.start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (t.isAlive() && t.getState() != Thread.State.BLOCKED && System.nanoTime() < deadline) Thread.onSpinWait();
        return t;
    }
}
