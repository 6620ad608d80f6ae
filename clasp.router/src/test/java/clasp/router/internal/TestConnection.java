package clasp.router.internal;

import clasp.api.message.Frame;
import clasp.api.message.Message;
import clasp.protocol.ClaspCodec;
import clasp.protocol.DecodeException;
import clasp.protocol.transport.Connection;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.util.ArrayList;
import java.util.List;

/** An in-memory connection: records the frames the router sends, as bytes and decoded. */
public final class TestConnection implements Connection {
    final List<byte[]> sent = new ArrayList<>();
    volatile boolean writable = true;
    public volatile Integer closeCode;
    public volatile String closeReason;
    /** What {@link #queuedBytes()} reports. */
    volatile long queued;
    /** What {@link #lastActivityNanos()} reports; null: now. */
    volatile Long lastActivity;

    @Override public String transport() { return "test"; }
    @Override public String remoteAddress() { return "test:1"; }
    /** What {@link #peerIdentity()} reports. */
    volatile String peerIdentity;
    /** What {@link #sendsInitialSnapshot()} reports. */
    volatile boolean initialSnapshot = true;

    /** What {@link #receivesWriterQos()} reports. */
    volatile boolean writerQos;

    @Override public String peerIdentity() { return peerIdentity; }
    @Override public boolean receivesWriterQos() { return writerQos; }
    @Override public boolean sendsInitialSnapshot() { return initialSnapshot; }
    @Override public int maxFrameBytes() { return 65_535 + 13; }

    /** When set, every send fails with it (after releasing the frame, as the contract asks of a transport). */
    volatile RuntimeException failSends;

    @Override public synchronized void send(ByteBuf frame) {
        RuntimeException failure = failSends;
        if (failure != null) {
            frame.release();
            throw failure;
        }
        sent.add(ByteBufUtil.getBytes(frame));
        frame.release();
    }

    /** Every pauseReading asked for, in milliseconds. */
    public final java.util.List<Long> pauses = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override public void pauseReading(long millis) { pauses.add(millis); }

    @Override public boolean isWritable() { return writable; }
    @Override public long queuedBytes() { return queued; }
    @Override public long lastActivityNanos() { Long l = lastActivity; return l != null ? l : System.nanoTime(); }
    @Override public synchronized void close(int code, String reason) {
        if (closeCode == null) {
            closeCode = code;
            closeReason = reason;
        }
    }
    /** Whether the router closed at once ({@link #closeNow}) rather than after the queued frames. */
    public volatile boolean closedNow;

    @Override public synchronized void closeNow(int code, String reason) {
        closedNow = true;
        close(code, reason);
    }

    public synchronized List<Message> messages() {
        List<Message> out = new ArrayList<>();
        for (byte[] b : sent) out.add(decode(b).message());
        return out;
    }

    synchronized List<Frame> frames() {
        List<Frame> out = new ArrayList<>();
        for (byte[] b : sent) out.add(decode(b));
        return out;
    }

    public synchronized void clear() { sent.clear(); }

    private static Frame decode(byte[] b) {
        try {
            return ClaspCodec.defaults().decode(b);
        } catch (DecodeException e) {
            throw new AssertionError("router sent an undecodable frame", e);
        }
    }
}
