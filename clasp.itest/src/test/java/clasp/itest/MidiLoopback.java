package clasp.itest;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.sound.midi.MidiDevice;
import javax.sound.midi.MidiMessage;
import javax.sound.midi.Receiver;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.Transmitter;
import javax.sound.midi.spi.MidiDeviceProvider;

/**
 * A virtual MIDI cable for the runtime's MIDI bridge, registered as an OSGi {@link MidiDeviceProvider} service ({@link
 * #provider}): one
 * device with an input and an output port whose far end the test holds. What the far end {@link #play}s reaches every
 * transmitter's receiver on the calling thread; what the device is sent is kept for {@link #next}.
 */
final class MidiLoopback implements MidiDevice {
    private final Info info;
    private final List<Cable> transmitters = new CopyOnWriteArrayList<>();
    private final BlockingQueue<byte[]> sent = new LinkedBlockingQueue<>();
    private volatile boolean open;

    MidiLoopback(String name) {
        this.info = new Info(name, "CLASP tests", "a virtual MIDI cable whose far end the test holds", "1.0") { };
    }

    /** The far end sends a short MIDI message; false when no input port listens. */
    boolean play(int status, int data1, int data2) throws Exception {
        ShortMessage message = new ShortMessage(status, data1, data2);
        boolean heard = false;
        for (Cable t : transmitters) {
            Receiver r = t.receiver;
            if (r != null) {
                r.send(message, -1);
                heard = true;
            }
        }
        return heard;
    }

    /** The next message sent to the device, or null after {@code seconds}. */
    byte[] next(long seconds) throws InterruptedException {
        return sent.poll(seconds, TimeUnit.SECONDS);
    }

    /** Transmitters whose receiver is set: the input ports listening. */
    int listeners() {
        return (int) transmitters.stream().filter(t -> t.receiver != null).count();
    }

    /** A provider of this device alone, to register as a service. */
    MidiDeviceProvider provider() {
        return new MidiDeviceProvider() {
            @Override public Info[] getDeviceInfo() { return new Info[] {info}; }

            @Override public MidiDevice getDevice(Info i) {
                if (i != info) throw new IllegalArgumentException("not this provider's device: " + i);
                return MidiLoopback.this;
            }
        };
    }

    // ---- the device

    @Override public Info getDeviceInfo() { return info; }

    @Override public void open() { open = true; }

    @Override public void close() {
        open = false;
        for (Cable t : transmitters) t.close();
    }

    @Override public boolean isOpen() { return open; }

    @Override public long getMicrosecondPosition() { return -1; }

    @Override public int getMaxReceivers() { return -1; }

    @Override public int getMaxTransmitters() { return -1; }

    @Override public Receiver getReceiver() {
        return new Receiver() {
            @Override public void send(MidiMessage message, long timeStamp) {
                if (!open) throw new IllegalStateException("the device is closed");
                sent.add(message.getMessage());
            }

            @Override public void close() { }
        };
    }

    @Override public List<Receiver> getReceivers() { return List.of(); }

    @Override public Transmitter getTransmitter() {
        Cable t = new Cable();
        transmitters.add(t);
        return t;
    }

    @Override public List<Transmitter> getTransmitters() { return List.copyOf(transmitters); }

    private final class Cable implements Transmitter {
        volatile Receiver receiver;

        @Override public void setReceiver(Receiver receiver) { this.receiver = receiver; }

        @Override public Receiver getReceiver() { return receiver; }

        @Override public void close() {
            receiver = null;
            transmitters.remove(this);
        }
    }
}
