package clasp.bridge.midi.internal;

import javax.sound.midi.MidiDevice;
import javax.sound.midi.spi.MidiDeviceProvider;

/**
 * Java Sound's provider of the tests' {@link #DEVICE}, "CLASP Test Loopback", registered for {@code MidiSystem} in
 * META-INF/services: the bridge finds it through the same path as a real port. {@link #unplug} and {@link #plugIn}
 * hide and show it, as a USB device comes and goes.
 */
public final class LoopbackProvider extends MidiDeviceProvider {
    static final Loopback DEVICE = new Loopback("CLASP Test Loopback");
    private static volatile boolean present = true;

    static void unplug() {
        present = false;
    }

    static void plugIn() {
        present = true;
    }

    @Override
    public MidiDevice.Info[] getDeviceInfo() {
        return present ? new MidiDevice.Info[] {DEVICE.getDeviceInfo()} : new MidiDevice.Info[0];
    }

    @Override
    public MidiDevice getDevice(MidiDevice.Info info) {
        if (!present || info != DEVICE.getDeviceInfo()) throw new IllegalArgumentException("no such device: " + info);
        return DEVICE;
    }
}
