package clasp.bridge.dmx.internal;

import com.fazecast.jSerialComm.SerialPort;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A small ENTTEC DMX USB Pro on the far end of a pty: parses the host's messages ({@code 7E label lenLSB lenMSB data
 * E7}) on a thread of its own, records every one byte for byte, answers "get parameters" (label 3) with firmware
 * 0x0144 and the break, MAB and rate last set (label 4), and sends received-DMX messages (labels 5 and 9) or any bytes.
 */
final class EnttecWidget implements AutoCloseable {
    static final int FIRMWARE_LSB = 0x44;
    static final int FIRMWARE_MSB = 0x01;

    /** One message from the host: its label, its data, all its bytes as they came, and when it was read (ns). */
    record Message(int label, byte[] data, byte[] bytes, long at) { }

    private final SerialPort port;
    private final Thread reader;
    private final List<Message> messages = new ArrayList<>();
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private volatile boolean closing;
    /** What the host sent that is no widget message, or null. */
    volatile String problem;
    private int breakSteps = 9;
    private int mabSteps = 1;
    private int rate = 40;

    EnttecWidget(Path tty) {
        port = SerialPort.getCommPort(tty.toString());
        port.setComPortParameters(115200, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING, 50, 0);
        if (!port.openPort()) throw new IllegalStateException("cannot open " + tty + ": " + port.getLastErrorCode());
        reader = new Thread(this::read, "test-widget-" + tty.getFileName());
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        byte[] buffer = new byte[4096];
        while (!closing) {
            int n = port.readBytes(buffer, buffer.length);
            if (n < 0) return;   // the pty is gone
            for (int i = 0; i < n; i++) pending.write(buffer[i]);
            parse();
        }
    }

    /** Takes every whole message off the front of what was read; anything else is a {@link #problem}. */
    private void parse() {
        byte[] b = pending.toByteArray();
        int at = 0;
        while (b.length - at >= 5) {
            if (b[at] != 0x7E) {
                problem = "the host sent " + hex(b[at]) + " where a message should start";
                at = b.length;
                break;
            }
            int length = (b[at + 2] & 0xFF) | (b[at + 3] & 0xFF) << 8;
            if (b.length - at < length + 5) break;
            if ((b[at + 4 + length] & 0xFF) != 0xE7) {
                problem = "a message without E7 at its end";
                at = b.length;
                break;
            }
            Message m = new Message(b[at + 1] & 0xFF, Arrays.copyOfRange(b, at + 4, at + 4 + length),
                    Arrays.copyOfRange(b, at, at + 5 + length), System.nanoTime());
            at += length + 5;
            received(m);
        }
        pending.reset();
        pending.write(b, at, b.length - at);
    }

    private void received(Message m) {
        if (m.label() == 4) {
            breakSteps = m.data()[2] & 0xFF;
            mabSteps = m.data()[3] & 0xFF;
            rate = m.data()[4] & 0xFF;
        }
        synchronized (messages) {
            messages.add(m);
        }
        if (m.label() == 3) {
            write(message(3, FIRMWARE_LSB, FIRMWARE_MSB, breakSteps, mabSteps, rate));
        }
    }

    /** Every message from the host so far, in order. */
    List<Message> messages() {
        synchronized (messages) {
            return List.copyOf(messages);
        }
    }

    /** The messages with {@code label}, in order. */
    List<Message> messages(int label) {
        return messages().stream().filter(m -> m.label() == label).toList();
    }

    /** The data of the last label 6 message, or null. */
    byte[] lastFrame() {
        List<Message> frames = messages(6);
        return frames.isEmpty() ? null : frames.get(frames.size() - 1).data();
    }

    /** How many label 6 messages came so far. */
    int frameCount() {
        return messages(6).size();
    }

    void write(byte[] bytes) {
        int n = port.writeBytes(bytes, bytes.length);
        if (n != bytes.length) throw new IllegalStateException("wrote " + n + " of " + bytes.length);
    }

    /** A received-DMX message (label 5): status 0, start code 0, then {@code slots}. */
    void receive(int... slots) {
        int[] data = new int[slots.length + 2];
        System.arraycopy(slots, 0, data, 2, slots.length);
        write(message(5, data));
    }

    static byte[] message(int label, int... data) {
        byte[] m = new byte[data.length + 5];
        m[0] = 0x7E;
        m[1] = (byte) label;
        m[2] = (byte) data.length;
        m[3] = (byte) (data.length >> 8);
        for (int i = 0; i < data.length; i++) m[4 + i] = (byte) data[i];
        m[m.length - 1] = (byte) 0xE7;
        return m;
    }

    static String hex(byte b) {
        return String.format("%02X", b & 0xFF);
    }

    @Override
    public void close() throws InterruptedException {
        closing = true;
        reader.join(5000);
        port.closePort();
    }
}
