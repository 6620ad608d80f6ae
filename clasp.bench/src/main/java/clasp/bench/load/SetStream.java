package clasp.bench.load;

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
import clasp.protocol.EncodeException;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * SETs on one WebSocket connection written by hand (a blocking socket, masked binary frames, so that the client costs
 * little next to the router): round-robin over {@code addresses} params under a prefix, at {@code rate} a second or,
 * with rate 0, as fast as the connection takes them (TCP back-pressure only). The router answers one connection's
 * SETs in order, so the n-th ACK or ERROR belongs to the n-th SET; while {@link #record} is on, the time from writing
 * a SET to reading its ACK goes into a histogram.
 */
public final class SetStream implements AutoCloseable {
    private record Sent(long nanos) {
    }

    private static final ClaspCodec CODEC = ClaspCodec.defaults();
    private static final long HIGHEST_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final Socket socket;
    private final OutputStream out;
    private final ConcurrentLinkedQueue<Sent> unanswered = new ConcurrentLinkedQueue<>();
    private final AtomicLong acks = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final Histogram latency = new Histogram(HIGHEST_NANOS, 3);
    private final CompletableFuture<Void> welcomed = new CompletableFuture<>();
    private final Thread reader;
    private final Thread writer;
    private volatile boolean recording;
    private volatile boolean stopped;
    private volatile long limit = Long.MAX_VALUE;

    public SetStream(int port, String prefix, int addresses, int rate, QoS qos) throws Exception {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setTcpNoDelay(true);
        out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
        out.write(("GET / HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Protocol: clasp\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        DataInputStream in = new DataInputStream(socket.getInputStream());
        skipUpgradeResponse(in);
        reader = new Thread(() -> read(in), "store-load-reader");
        reader.setDaemon(true);
        reader.start();
        write(Frame.of(new HelloMessage(1, Set.of(), "store load", null)), true);
        welcomed.get(30, TimeUnit.SECONDS);
        long period = rate > 0 ? TimeUnit.SECONDS.toNanos(1) / rate : 0;
        writer = new Thread(() -> send(prefix, addresses, period, qos), "store-load-writer");
        writer.setDaemon(true);
        writer.start();
    }

    private void send(String prefix, int addresses, long periodNanos, QoS qos) {
        long start = System.nanoTime();
        try {
            for (long i = 0; !stopped && i < limit; i++) {
                if (periodNanos > 0) {
                    long wait = start + i * periodNanos - System.nanoTime();
                    if (wait > 0) LockSupport.parkNanos(wait);
                }
                Frame f = Frame.of(new SetMessage(prefix + "/p" + (i % addresses), Value.of(i)), qos);
                unanswered.add(new Sent(System.nanoTime()));
                // paced: each frame goes out at once; flat out: a full buffer goes out, or the last frame of the limit
                write(f, periodNanos > 0 || i + 1 == limit);
            }
            out.flush();
        } catch (IOException e) {
            if (!stopped) System.err.println("store load: the connection failed: " + e);
        }
    }

    /** Sends at most {@code n} SETs in all (set before the first is due, e.g. to write exactly n params). */
    SetStream limit(long n) {
        limit = n;
        return this;
    }

    private void write(Frame frame, boolean flush) throws IOException {
        byte[] payload;
        try {
            payload = CODEC.encode(frame);
        } catch (EncodeException e) {
            throw new IllegalStateException("cannot encode " + frame, e);
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        out.write(0x82);
        if (payload.length < 126) {
            out.write(0x80 | payload.length);
        } else {
            out.write(0x80 | 126);
            out.write(payload.length >>> 8);
            out.write(payload.length & 0xFF);
        }
        out.write(mask);
        for (int i = 0; i < payload.length; i++) payload[i] ^= mask[i & 3];
        out.write(payload);
        if (flush) out.flush();
    }

    private static void skipUpgradeResponse(DataInputStream in) throws IOException {
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) throw new IOException("the router closed the connection during the WebSocket upgrade");
            matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
    }

    private void read(DataInputStream in) {
        try {
            while (true) {
                int opcode = in.readUnsignedByte() & 0x0F;
                long length = in.readUnsignedByte() & 0x7F;
                if (length == 126) length = in.readUnsignedShort();
                else if (length == 127) length = in.readLong();
                byte[] payload = new byte[(int) length];
                in.readFully(payload);
                if (opcode == 0x8) return;
                if (opcode == 0x2) received(CODEC.decode(payload).message());
            }
        } catch (Exception ended) {
            welcomed.completeExceptionally(ended);
        }
    }

    private void received(Message m) {
        long now = System.nanoTime();
        if (m instanceof WelcomeMessage) {
            welcomed.complete(null);
        } else if (m instanceof AckMessage || m instanceof ErrorMessage) {
            Sent s = unanswered.poll();
            if (m instanceof ErrorMessage e) {
                if (errors.getAndIncrement() == 0) System.err.println("store load: ERROR " + e.code() + " " + e.message());
                return;
            }
            acks.incrementAndGet();
            if (recording && s != null) {
                synchronized (latency) {
                    latency.recordValue(Math.min(now - s.nanos(), HIGHEST_NANOS));
                }
            }
        }
    }

    /** Starts or stops recording ACK latencies. */
    public void record(boolean on) {
        recording = on;
    }

    public long acks() { return acks.get(); }

    public long errors() { return errors.get(); }

    /** The ACK latencies recorded so far, a copy. */
    public Histogram latency() {
        synchronized (latency) {
            return latency.copy();
        }
    }

    /** Waits until every SET sent has its answer. */
    void awaitAnswered(long timeoutSeconds) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (writer.isAlive() || !unanswered.isEmpty()) {
            if (System.nanoTime() > deadline) throw new IllegalStateException("SETs unanswered after " + timeoutSeconds + " s");
            ChildProcess.sleep(10);
        }
    }

    @Override
    public void close() throws Exception {
        stopped = true;
        writer.join(10_000);
        socket.close();
        reader.join(10_000);
    }
}
