package clasp.bridge.midi.internal;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sound.midi.MidiDevice;
import javax.sound.midi.MidiMessage;
import javax.sound.midi.MidiUnavailableException;
import javax.sound.midi.Receiver;
import javax.sound.midi.Sequencer;
import javax.sound.midi.Synthesizer;
import javax.sound.midi.Transmitter;

/**
 * The input and the output port of one bridge instance. {@link #rescan} lets go of a port whose device is no longer
 * listed or was closed under it ({@link #send} lets go of an output that fails at once), and attaches, for each
 * direction still without one, the first listed port its {@link PortPattern} matches that can do that direction
 * (synthesizers and sequencers are not ports and never chosen); the input's transmitter feeds the bridge's receiver.
 * A device is opened by its first user among the bridge instances of this bundle (and again if it was closed under
 * them) and closed by its last, and never closed when something else had opened it.
 *
 * <p>Threads: {@link #rescan}, {@link #send}, {@link #describe} and {@link #close} run on the bridge's strand (one at a
 * time); Java Sound calls the inbound receiver on its own thread.
 */
final class PortLinks {
    /** A port in use: its device and the transmitter (input) or receiver (output) the bridge holds. */
    private record Link(MidiDevice.Info info, MidiDevice device, Transmitter transmitter, Receiver receiver) { }

    private record Use(int count, boolean ours) { }

    private static final Map<MidiDevice, Use> USES = new IdentityHashMap<>();

    private final MidiPorts ports;
    private final PortPattern inputPattern;
    private final PortPattern outputPattern;
    private final Receiver inbound;

    private Link input;
    private Link output;
    private String inputProblem;
    private String outputProblem;
    private boolean everAttached;

    PortLinks(MidiPorts ports, PortPattern inputPattern, PortPattern outputPattern, Receiver inbound) {
        this.ports = ports;
        this.inputPattern = inputPattern;
        this.outputPattern = outputPattern;
        this.inbound = inbound;
    }

    /** Re-checks both directions against the devices present; returns what changed, for the log. */
    List<String> rescan() {
        List<String> changes = new ArrayList<>();
        List<MidiDevice.Info> present = ports.list();
        String inputLost = input == null ? null : lost(input, present);
        if (inputLost != null) {
            changes.add("input port lost: " + inputLost);
            inputProblem = inputLost;
            detach(input);
            input = null;
        }
        String outputLost = output == null ? null : lost(output, present);
        if (outputLost != null) {
            changes.add("output port lost: " + outputLost);
            outputProblem = outputLost;
            detach(output);
            output = null;
        }
        if (input == null && !inputPattern.none()) {
            input = attach(present, inputPattern, true);
            if (input != null) changes.add("input port attached: " + input.info.getName());
        }
        if (output == null && !outputPattern.none()) {
            output = attach(present, outputPattern, false);
            if (output != null) changes.add("output port attached: " + output.info.getName());
        }
        everAttached |= input != null || output != null;
        return changes;
    }

    /**
     * Sends {@code message} to the output port; false when there is none. A port that fails is let go (and found
     * again by the next rescan if it is still there).
     */
    boolean send(MidiMessage message) {
        Link out = output;
        if (out == null) return false;
        try {
            out.receiver.send(message, -1);
            return true;
        } catch (IllegalStateException e) {
            outputProblem = out.info.getName() + " failed: " + e.getMessage();
            detach(out);
            output = null;
            return false;
        }
    }

    /** Every direction that should have a port has one. */
    boolean complete() {
        return (inputPattern.none() || input != null) && (outputPattern.none() || output != null);
    }

    boolean everAttached() {
        return everAttached;
    }

    boolean hasOutput() {
        return output != null;
    }

    /** "in: <port>, out: <port>", or for a direction without one what it waits for and why. */
    String describe() {
        return "in: " + describe(inputPattern, input, inputProblem) + ", out: " + describe(outputPattern, output, outputProblem);
    }

    private static String describe(PortPattern pattern, Link link, String problem) {
        if (pattern.none()) return "none";
        if (link != null) return link.info.getName();
        return "waiting for " + pattern + (problem == null ? "" : " (" + problem + ")");
    }

    void close() {
        if (input != null) detach(input);
        if (output != null) detach(output);
        input = null;
        output = null;
    }

    // ---- attaching

    private Link attach(List<MidiDevice.Info> present, PortPattern pattern, boolean isInput) {
        String problem = null;
        for (MidiDevice.Info info : present) {
            if (!pattern.any() && !pattern.matches(info.getName())) continue;
            MidiDevice device;
            try {
                device = ports.device(info);
            } catch (MidiUnavailableException | RuntimeException e) {
                problem = "cannot use " + info.getName() + ": " + e.getMessage();
                continue;
            }
            if (device instanceof Sequencer || device instanceof Synthesizer) continue;
            if ((isInput ? device.getMaxTransmitters() : device.getMaxReceivers()) == 0) continue;
            try {
                acquire(device);
            } catch (MidiUnavailableException | RuntimeException e) {
                problem = "cannot open " + info.getName() + ": " + e.getMessage();
                continue;
            }
            try {
                if (isInput) {
                    Transmitter transmitter = device.getTransmitter();
                    transmitter.setReceiver(inbound);
                    setProblem(true, null);
                    return new Link(info, device, transmitter, null);
                }
                Receiver receiver = device.getReceiver();
                setProblem(false, null);
                return new Link(info, device, null, receiver);
            } catch (MidiUnavailableException | RuntimeException e) {
                release(device);
                problem = "cannot open " + info.getName() + ": " + e.getMessage();
            }
        }
        if (problem != null) setProblem(isInput, problem);
        return null;
    }

    private void setProblem(boolean isInput, String problem) {
        if (isInput) inputProblem = problem;
        else outputProblem = problem;
    }

    private static void detach(Link link) {
        try {
            if (link.transmitter != null) link.transmitter.close();
            if (link.receiver != null) link.receiver.close();
        } catch (RuntimeException e) {
            // a device that went away may fail to close its ends; it is released below all the same
        }
        release(link.device);
    }

    /** Why a port in use can no longer be used (its device is not listed, or was closed under us), or null. */
    private static String lost(Link link, List<MidiDevice.Info> present) {
        if (!listed(link.info, present)) return link.info.getName() + " went away";
        if (!link.device.isOpen()) return link.info.getName() + " was closed";
        return null;
    }

    private static boolean listed(MidiDevice.Info info, List<MidiDevice.Info> present) {
        for (MidiDevice.Info p : present) {
            if (p == info || Objects.equals(p.getName(), info.getName()) && Objects.equals(p.getVendor(), info.getVendor())
                    && Objects.equals(p.getDescription(), info.getDescription())
                    && Objects.equals(p.getVersion(), info.getVersion())) {
                return true;
            }
        }
        return false;
    }

    private static synchronized void acquire(MidiDevice device) throws MidiUnavailableException {
        Use use = USES.getOrDefault(device, new Use(0, false));
        boolean ours = use.ours;
        if (!device.isOpen()) {   // its first use, or it was closed under us
            device.open();
            ours = true;
        }
        USES.put(device, new Use(use.count + 1, ours));
    }

    private static synchronized void release(MidiDevice device) {
        Use use = USES.remove(device);
        if (use == null) return;
        if (use.count > 1) {
            USES.put(device, new Use(use.count - 1, use.ours));
        } else if (use.ours) {
            try {
                device.close();
            } catch (RuntimeException e) {
                // a device that went away may fail to close; it is forgotten all the same
            }
        }
    }
}
