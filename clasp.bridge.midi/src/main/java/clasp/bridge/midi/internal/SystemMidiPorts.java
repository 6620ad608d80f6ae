package clasp.bridge.midi.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.sound.midi.MidiDevice;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.MidiUnavailableException;
import javax.sound.midi.spi.MidiDeviceProvider;

/**
 * Java Sound's devices: what {@link MidiSystem} lists (the JDK's ALSA ports on Linux, and providers on the class
 * path through {@code META-INF/services}), then the devices of every {@link MidiDeviceProvider} registered as an
 * OSGi service (in a framework, {@code MidiSystem} does not see bundles' providers). Asked afresh on every call, so a
 * device unplugged or plugged in shows at the next rescan. Thread-safe.
 */
final class SystemMidiPorts implements MidiPorts {
    private final Collection<MidiDeviceProvider> services;

    /** @param services the providers registered as services, a live thread-safe view */
    SystemMidiPorts(Collection<MidiDeviceProvider> services) {
        this.services = services;
    }

    @Override
    public List<MidiDevice.Info> list() {
        List<MidiDevice.Info> infos = new ArrayList<>(List.of(MidiSystem.getMidiDeviceInfo()));
        for (MidiDeviceProvider provider : services) infos.addAll(List.of(provider.getDeviceInfo()));
        return infos;
    }

    @Override
    public MidiDevice device(MidiDevice.Info info) throws MidiUnavailableException {
        for (MidiDeviceProvider provider : services) {
            if (provider.isDeviceSupported(info)) return provider.getDevice(info);
        }
        try {
            return MidiSystem.getMidiDevice(info);
        } catch (IllegalArgumentException e) {
            throw new MidiUnavailableException("no longer present: " + info.getName());
        }
    }
}
