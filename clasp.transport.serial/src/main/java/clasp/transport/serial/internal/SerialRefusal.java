package clasp.transport.serial.internal;

import clasp.transport.netty.Refusals;

/** What a serial line drops, counted and logged once per interval by {@link Refusals}. */
enum SerialRefusal implements Refusals.Kind {
    OVERSIZE("frames dropped: above maxFrameBytes"),
    BAD_ESCAPE("frames dropped: bad SLIP escape");

    private final String text;

    SerialRefusal(String text) {
        this.text = text;
    }

    @Override
    public String text() {
        return text;
    }
}
