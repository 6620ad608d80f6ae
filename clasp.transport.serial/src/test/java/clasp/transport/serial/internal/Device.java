package clasp.transport.serial.internal;

import clasp.osc.SlipDecoder;
import clasp.osc.SlipEncoder;
import com.fazecast.jSerialComm.SerialPort;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The device at the far end of a pty: writes bytes or SLIP frames and records every byte it reads, on a thread of its
 * own that can be paused (a device that stops reading).
 */
final class Device implements AutoCloseable {
    private final SerialPort port;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final Thread reader;
    private volatile boolean reading = true;
    private volatile boolean closing;

    Device(Path tty) {
        port = SerialPort.getCommPort(tty.toString());
        port.setComPortParameters(115200, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING, 50, 0);
        if (!port.openPort()) throw new IllegalStateException("cannot open " + tty + ": " + port.getLastErrorCode());
        reader = new Thread(this::read, "test-device-" + tty.getFileName());
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        byte[] buffer = new byte[4096];
        while (!closing) {
            if (!reading) {
                sleep(10);
                continue;
            }
            int n = port.readBytes(buffer, buffer.length);
            if (n < 0) return; // the pty is gone
            synchronized (received) {
                received.write(buffer, 0, n);
            }
        }
    }

    /** Stops reading: what the transport writes stays in the pty, and then blocks its writer. */
    void pauseReading() {
        reading = false;
    }

    void resumeReading() {
        reading = true;
    }

    void write(byte[] bytes) {
        int n = port.writeBytes(bytes, bytes.length);
        if (n != bytes.length) throw new IllegalStateException("wrote " + n + " of " + bytes.length);
    }

    /** Writes {@code frame} SLIP-encoded, END before and after. */
    void send(byte[] frame) {
        write(slip(frame));
    }

    static byte[] slip(byte[] frame) {
        io.netty.buffer.ByteBuf buf = io.netty.buffer.Unpooled.wrappedBuffer(frame);
        try {
            return SlipEncoder.encode(buf);
        } finally {
            buf.release();
        }
    }

    /** Every byte read so far. */
    byte[] bytes() {
        synchronized (received) {
            return received.toByteArray();
        }
    }

    /** The SLIP frames read so far, decoded. */
    List<byte[]> frames() {
        List<byte[]> frames = new ArrayList<>();
        byte[] all = bytes();
        new SlipDecoder(1 << 20, new SlipDecoder.Sink() {
            @Override
            public void frame(byte[] bytes, int length) {
                frames.add(Arrays.copyOf(bytes, length));
            }

            @Override
            public void dropped(SlipDecoder.Drop reason) {
                throw new AssertionError("the transport wrote a bad SLIP frame: " + reason);
            }
        }).feed(all, 0, all.length);
        return frames;
    }

    @Override
    public void close() throws InterruptedException {
        closing = true;
        reader.join(5000);
        port.closePort();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
