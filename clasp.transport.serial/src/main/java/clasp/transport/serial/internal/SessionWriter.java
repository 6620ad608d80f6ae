package clasp.transport.serial.internal;

import clasp.osc.SlipEncoder;
import com.fazecast.jSerialComm.SerialPort;
import io.netty.buffer.ByteBuf;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The writer of one session, on a thread of its own (serial writes block until the device takes the bytes): takes
 * the session's frames in queue order, writes each SLIP-encoded, and ends the session at its close, its
 * {@code closeNow} or a write error; then tells the router {@code closed()}. Producers wake it with
 * {@link LockSupport#unpark}; it also looks again every {@value #IDLE_PARK_MILLIS} ms.
 */
final class SessionWriter implements Runnable {
    static final long IDLE_PARK_MILLIS = 100;

    /** What the writer tells its line. */
    interface Line {
        /** A write to {@code port} failed: it is gone. */
        void portFailed(SerialPort port, String why);

        /** The session became writable again, or ended: a reader waiting on it goes on. */
        void wake();
    }

    private final SerialConnection session;
    private final SerialPort port;
    private final RouterCalls calls;
    private final Line line;

    SessionWriter(SerialConnection session, SerialPort port, RouterCalls calls, Line line) {
        this.session = session;
        this.port = port;
        this.calls = calls;
        this.line = line;
    }

    @Override
    public void run() {
        try {
            while (!session.discarding()) {
                Object item = session.poll();
                if (item == null) {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(IDLE_PARK_MILLIS));
                } else if (item instanceof ByteBuf frame) {
                    if (!write(frame)) break;
                } else {
                    break; // the close: every frame queued before it is written
                }
            }
        } finally {
            session.ended();
            calls.closed();
            line.wake();
        }
    }

    /** Writes and releases one frame; false when the port failed. */
    private boolean write(ByteBuf frame) {
        int size = frame.readableBytes();
        byte[] bytes;
        try {
            bytes = SlipEncoder.encode(frame);
        } finally {
            frame.release();
        }
        boolean ok = session.discarding() || writeAll(bytes);
        if (session.written(size)) {
            calls.writable();
            line.wake();
        }
        return ok;
    }

    private boolean writeAll(byte[] bytes) {
        int done = 0;
        while (done < bytes.length) {
            int n = port.writeBytes(bytes, bytes.length - done, done);
            if (n <= 0) {
                line.portFailed(port, "write error " + port.getLastErrorCode());
                return false;
            }
            done += n;
        }
        return true;
    }
}
