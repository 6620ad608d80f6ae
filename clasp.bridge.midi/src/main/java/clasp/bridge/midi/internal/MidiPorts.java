package clasp.bridge.midi.internal;

import java.util.List;
import javax.sound.midi.MidiDevice;
import javax.sound.midi.MidiUnavailableException;

/** Where the bridge finds MIDI devices: Java Sound's {@code MidiSystem} in the runtime ({@link SystemMidiPorts}). */
interface MidiPorts {
    /** The devices present now, in their provider's order. */
    List<MidiDevice.Info> list();

    /** The device of {@code info}, not opened. */
    MidiDevice device(MidiDevice.Info info) throws MidiUnavailableException;
}
