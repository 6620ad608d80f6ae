package clasp.bridge.midi.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.sound.midi.MidiDevice;
import javax.sound.midi.MidiMessage;
import javax.sound.midi.MidiUnavailableException;
import javax.sound.midi.Receiver;
import javax.sound.midi.Transmitter;

/**
 * A virtual MIDI cable whose far end the tests hold: one device with an input and an output port. What the far end
 * {@link #play}s arrives at every open transmitter's receiver (on the calling thread, as Java Sound calls receivers
 * on its own); what is sent to the device's receivers is kept for {@link #next}. Sending to a closed device fails as
 * Java Sound's do.
 */
final class Loopback implements MidiDevice {
    private final Info info;
    private final List<Cable> transmitters = new CopyOnWriteArrayList<>();
    private final List<Receiver> receivers = new CopyOnWriteArrayList<>();
    private final BlockingQueue<byte[]> sent = new LinkedBlockingQueue<>();
    private volatile boolean open;
    private volatile int opened;
    private volatile String refuseOpen;

    Loopback(String name) {
        this.info = new Info(name, "CLASP tests", "a virtual MIDI cable whose far end the tests hold", "1.0") { };
    }

    /** The far end sends these MIDI messages, each as it is (even malformed). */
    void play(byte[]... messages) {
        for (byte[] bytes : messages) {
            for (Cable t : transmitters) {
                Receiver r = t.receiver;
                if (r != null) r.send(new RawMessage(bytes), -1);
            }
        }
    }

    /** The next message the device was sent, or null after 60 s. */
    byte[] next() throws InterruptedException {
        return sent.poll(60, TimeUnit.SECONDS);
    }

    /** The messages the device was sent so far and not taken yet. */
    List<byte[]> drain() {
        List<byte[]> all = new ArrayList<>();
        sent.drainTo(all);
        return all;
    }

    /** Forgets what happened before a test. */
    void reset() {
        sent.clear();
        opened = 0;
        refuseOpen = null;
    }

    /** Makes {@link #open} fail with this reason (null: open again). */
    void refuseOpen(String reason) {
        refuseOpen = reason;
    }

    /** How often the device was opened since {@link #reset}. */
    int opened() {
        return opened;
    }

    /** Transmitters whose receiver is set: the inputs listening to the far end. */
    int listeners() {
        return (int) transmitters.stream().filter(t -> t.receiver != null).count();
    }

    @Override public Info getDeviceInfo() { return info; }

    @Override public synchronized void open() throws MidiUnavailableException {
        if (refuseOpen != null) throw new MidiUnavailableException(refuseOpen);
        if (!open) opened++;
        open = true;
    }

    @Override public synchronized void close() {
        open = false;
        for (Cable t : transmitters) t.close();
        receivers.clear();
    }

    @Override public boolean isOpen() { return open; }

    @Override public long getMicrosecondPosition() { return -1; }

    @Override public int getMaxReceivers() { return -1; }

    @Override public int getMaxTransmitters() { return -1; }

    @Override public Receiver getReceiver() {
        Receiver r = new Receiver() {
            @Override public void send(MidiMessage message, long timeStamp) {
                if (!open) throw new IllegalStateException("the device is closed");
                sent.add(message.getMessage());
            }

            @Override public void close() { receivers.remove(this); }
        };
        receivers.add(r);
        return r;
    }

    @Override public List<Receiver> getReceivers() { return List.copyOf(receivers); }

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

    /** A MIDI message of any bytes, as a driver might deliver them. */
    static final class RawMessage extends MidiMessage {
        RawMessage(byte[] bytes) {
            super(bytes.clone());
        }

        @Override public Object clone() { return new RawMessage(getMessage()); }
    }
}
