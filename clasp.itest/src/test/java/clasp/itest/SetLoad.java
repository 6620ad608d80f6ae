package clasp.itest;

import clasp.api.QoS;
import clasp.api.Value;
import clasp.api.message.AckMessage;
import clasp.api.message.ErrorMessage;
import clasp.api.message.Frame;
import clasp.api.message.HelloMessage;
import clasp.api.message.Message;
import clasp.api.message.SetMessage;
import clasp.api.message.WelcomeMessage;
import clasp.protocol.ClaspCodec;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A steady SET load on one WebSocket connection written by hand (a socket, {@link RawFrames}' masked frames, so that
 * a test client keeps up with 10,000 SETs a second and more): {@code rate} SETs a second, paced, round-robin over
 * {@code addresses} params under a prefix, each with a value larger than the one before, at the QoS given. The router
 * answers one connection's SETs in order, an ACK or an ERROR each, so the n-th answer belongs to the n-th SET; every
 * ACK is recorded with the revision the router gave and the {@link System#nanoTime} it was read.
 */
final class SetLoad implements AutoCloseable {
    static {
        // The codec's Netty would log through SLF4J, which finds no provider on this class path and says so.
        io.netty.util.internal.logging.InternalLoggerFactory.setDefaultFactory(
                io.netty.util.internal.logging.JdkLoggerFactory.INSTANCE);
    }

    /** An ACKed SET: the value written, the revision it got, when the ACK arrived. */
    record Ack(String address, long value, long revision, long nanos) {
    }

    private record Sent(String address, long value) {
    }

    private static final ClaspCodec CODEC = ClaspCodec.defaults();

    private final Socket socket;
    private final OutputStream out;
    private final ConcurrentLinkedQueue<Sent> unanswered = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Ack> acks = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    private final AtomicLong sent = new AtomicLong();
    private final CompletableFuture<Void> welcomed = new CompletableFuture<>();
    private final Thread reader;
    private final Thread pacer;
    private volatile boolean stopped;
    private final long startNanos;

    SetLoad(int port, String prefix, int addresses, int rate, QoS qos, long firstValue) throws Exception {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setTcpNoDelay(true);
        out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
        RawFrames.upgrade(out, port);
        DataInputStream in = new DataInputStream(socket.getInputStream());
        skipUpgradeResponse(in);
        reader = new Thread(() -> read(in), "clasp-itest-set-load-reader");
        reader.setDaemon(true);
        reader.start();
        RawFrames.send(out, new HelloMessage(1, Set.of(), "set load", null));
        welcomed.get(30, TimeUnit.SECONDS);
        long periodNanos = TimeUnit.SECONDS.toNanos(1) / rate;
        long start = System.nanoTime();
        startNanos = start;
        pacer = new Thread(() -> {
            try {
                for (long i = 0; !stopped; i++) {
                    long wait = start + i * periodNanos - System.nanoTime();
                    if (wait > 0) LockSupport.parkNanos(wait);
                    String address = address(prefix, (int) (i % addresses));
                    long value = firstValue + i;
                    unanswered.add(new Sent(address, value));
                    sent.incrementAndGet();
                    RawFrames.send(out, Frame.of(new SetMessage(address, Value.of(value)), qos));
                }
            } catch (Exception connectionGone) {
                // the router went (a kill): what was sent and not answered stays unanswered
            }
        }, "clasp-itest-set-load");
        pacer.setDaemon(true);
        pacer.start();
    }

    static String address(String prefix, int index) {
        return prefix + "/p" + index;
    }

    private static void skipUpgradeResponse(DataInputStream in) throws IOException {
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) throw new IOException("the router closed the connection during the WebSocket upgrade");
            matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
    }

    /** Reads the router's unmasked WebSocket frames, one CLASP frame each, until the connection ends. */
    private void read(DataInputStream in) {
        try {
            while (true) {
                int opcode = in.readUnsignedByte() & 0x0F;
                long length = in.readUnsignedByte() & 0x7F;
                if (length == 126) length = in.readUnsignedShort();
                else if (length == 127) length = in.readLong();
                byte[] payload = new byte[(int) length];
                in.readFully(payload);
                if (opcode == 0x8) return;   // close
                if (opcode != 0x2) continue;
                received(CODEC.decode(payload).message());
            }
        } catch (Exception ended) {
            welcomed.completeExceptionally(ended);
        }
    }

    private void received(Message m) {
        long now = System.nanoTime();
        if (m instanceof WelcomeMessage) {
            welcomed.complete(null);
        } else if (m instanceof AckMessage a) {
            Sent s = unanswered.poll();
            if (s == null || !s.address().equals(a.address())) failures.add("an ACK for " + a.address() + " where " + s + " was due");
            else acks.add(new Ack(s.address(), s.value(), a.revision(), now));
        } else if (m instanceof ErrorMessage e) {
            failures.add("ERROR " + e.code() + " " + e.message() + " for " + unanswered.poll());
        }
    }

    /** When the first SET was due ({@link System#nanoTime}). */
    long startNanos() {
        return startNanos;
    }

    /** Every ACK so far, in arrival order. */
    List<Ack> acks() {
        return List.copyOf(acks);
    }

    /** What went wrong: each SET answered by an ERROR, and ACKs that did not match the SET due. */
    List<String> failures() {
        return List.copyOf(failures);
    }

    /** The last ACK of each address (ACKs of one address arrive in revision order). */
    Map<String, Ack> latest() {
        Map<String, Ack> latest = new HashMap<>();
        for (Ack a : acks) latest.merge(a.address(), a, (x, y) -> y.revision() > x.revision() ? y : x);
        return latest;
    }

    /** Stops sending (what is in flight may still be answered). */
    void stop() throws InterruptedException {
        stopped = true;
        pacer.join(10_000);
    }

    /** Stops sending and waits until every SET sent has its answer. */
    void stopAndSettle(Duration timeout) throws InterruptedException {
        stop();
        Eventually.until("an answer for each of the SETs sent (" + this + ")", timeout, unanswered::isEmpty);
    }

    @Override
    public String toString() {
        return sent.get() + " SETs sent, " + acks.size() + " ACKed, " + failures.size() + " failed"
                + (failures.isEmpty() ? "" : " (first: " + failures.peek() + ")");
    }

    @Override
    public void close() throws Exception {
        stopped = true;
        socket.close();
        pacer.join(10_000);
        reader.join(10_000);
    }
}
