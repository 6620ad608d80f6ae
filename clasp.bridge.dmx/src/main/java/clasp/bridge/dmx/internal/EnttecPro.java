package clasp.bridge.dmx.internal;

import clasp.bridge.dmx.PortSettings;
import clasp.bridge.dmx.SerialLink;
import clasp.bridge.dmx.internal.DmxSettings.InputMode;
import clasp.bridge.support.dmx.SlotAddress;
import java.io.IOException;

/**
 * An ENTTEC DMX USB Pro (bridges.md §6.2): the widget makes the DMX signal and repeats the last frame it was given.
 * At each open the bridge sets its break, MAB and output rate (label 4), asks for them back with its firmware version
 * (label 3, shown in the status) and, with input on, sets its receive mode (label 8). Each frame goes out as label 6.
 * What the widget sends is decoded on the reader thread: received DMX (labels 5 and 9) through {@link WidgetInput},
 * the parameters reply into {@link #describe()}.
 *
 * <p>Threads: the writer thread calls {@link #opened} and {@link #send} (owning {@code message}); the reader thread
 * calls {@link #received} (owning the decoder and the input); {@code widget} is read by any thread.
 */
final class EnttecPro implements DmxInterface {
    /** The virtual COM port's settings; the widget itself ignores them. */
    static final PortSettings LINE = new PortSettings(115_200, 8, 1, READ_TIMEOUT_MILLIS);

    private final int breakSteps;
    private final int mabSteps;
    private final int rate;
    private final InputMode input;
    private final Counters counters;
    private final Runnable describeChanged;
    private final WidgetDecoder decoder;
    private final WidgetInput widgetInput;
    private final byte[] message = new byte[Widget.sendDmxSize(SlotAddress.SLOTS)];
    private volatile String widget = "widget parameters not reported yet";

    /**
     * @param inputSink       where received DMX goes (with input on)
     * @param describeChanged called (reader thread) when {@link #describe()} changed
     */
    EnttecPro(DmxSettings settings, Counters counters, WidgetInput.Sink inputSink, Runnable describeChanged) {
        this.breakSteps = Widget.breakSteps(settings.breakMicros());
        this.mabSteps = Widget.mabSteps(settings.mabMicros());
        this.rate = Widget.rate(settings.refreshHz());
        this.input = settings.input();
        this.counters = counters;
        this.describeChanged = describeChanged;
        this.widgetInput = new WidgetInput(inputSink);
        this.decoder = new WidgetDecoder(new WidgetDecoder.Sink() {
            @Override public void message(int label, byte[] data, int length) { handle(label, data, length); }

            @Override public void malformed(String why) { counters.malformed(why); }
        });
    }

    @Override
    public PortSettings portSettings() {
        return LINE;
    }

    @Override
    public void opened(SerialLink link) throws IOException {
        decoder.reset();   // the reader of the previous port has ended: the decoder is ours until the next one starts
        widget = "widget parameters not reported yet";
        write(link, Widget.setParameters(breakSteps, mabSteps, rate));
        write(link, Widget.getParameters());
        if (input != InputMode.OFF) write(link, Widget.receiveMode(input == InputMode.CHANGES));
    }

    private static void write(SerialLink link, byte[] bytes) throws IOException {
        link.write(bytes, 0, bytes.length);
    }

    @Override
    public void send(SerialLink link, byte[] slots, int count) throws IOException {
        link.write(message, 0, Widget.sendDmx(slots, count, message));
    }

    @Override
    public boolean reads() {
        return true;
    }

    @Override
    public void received(byte[] bytes, int offset, int length) {
        decoder.feed(bytes, offset, length);
    }

    private void handle(int label, byte[] data, int length) {
        switch (label) {
            case Widget.RECEIVED_DMX -> {
                if (input != InputMode.OFF) widgetInput.received(data, length);
            }
            case Widget.CHANGE_OF_STATE -> {
                if (input != InputMode.OFF) widgetInput.changeOfState(data, length);
            }
            case Widget.GET_PARAMETERS -> parameters(data, length);
            default -> counters.dropped("a widget message with label " + label + ", which the bridge does not use");
        }
    }

    private void parameters(byte[] data, int length) {
        if (length < 5) {
            counters.malformed("parameters reply with " + length + " data bytes, fewer than 5");
            return;
        }
        int firmware = (data[0] & 0xFF) | (data[1] & 0xFF) << 8;
        widget = String.format("widget firmware %04X, break %d µs, MAB %d µs, %d frames/s", firmware,
                Widget.micros(data[2] & 0xFF), Widget.micros(data[3] & 0xFF), data[4] & 0xFF);
        describeChanged.run();
    }

    @Override
    public String describe() {
        return widget;
    }
}
