package clasp.bridge.midi.internal;

import clasp.api.BoolValue;
import clasp.api.FloatValue;
import clasp.api.IntValue;
import clasp.api.Value;
import clasp.bridge.support.LinearScale;

/**
 * MIDI data values both ways (bridges.md §3.3). Three kinds of numbers:
 * <ul>
 * <li>levels, 7 bits (velocity, poly and channel pressure, controller values): raw Ints 0–127; with
 *     {@code normalize}, Floats 0.0–1.0 (v/127); with a configured scale/offset, {@link LinearScale} over 0–127;</li>
 * <li>14-bit controller pairs ({@code cc14}): raw Ints 0–16383; with {@code normalize} v/16383; with a scale/offset,
 *     the same scale over the same range at 14-bit resolution (its factors × 16383/127, so scale 127 maps 0.0–1.0
 *     onto 0–16383 as it maps it onto 0–127);</li>
 * <li>pitch bend −8192…8191: raw Ints; with {@code normalize}, −1.0…+1.0 (negative values /8192, positive /8191,
 *     so both ends are reached and 0 stays the centre). A scale/offset does not apply: bend is centred on 0, and a
 *     level's scale would move its centre.</li>
 * </ul>
 * Outbound, Ints and Floats are accepted in every mode (a raw Float is rounded half up, a normalised Int counts as
 * that fraction), true and false are the ends of the range, out-of-range numbers are clamped; anything else has no
 * MIDI number ({@link #NOT_NUMERIC}). Program numbers, note numbers and song positions are indices, not levels: they
 * are always raw ({@link #toInt}). Immutable.
 */
final class MidiValues {
    /** What the outbound methods return for a value that is not a number. */
    static final int NOT_NUMERIC = Integer.MIN_VALUE;

    static final int LEVEL_MAX = 127;
    static final int FINE_MAX = 16_383;
    static final int BEND_MIN = -8_192;
    static final int BEND_MAX = 8_191;

    private final boolean normalize;
    private final LinearScale level;
    private final LinearScale fine;

    /**
     * @throws IllegalArgumentException for a scale of 0 or a number that is not finite
     */
    MidiValues(boolean normalize, double scale, double offset) {
        this.normalize = normalize;
        this.level = LinearScale.configured(scale, offset, 0, LEVEL_MAX);
        double toFine = (double) FINE_MAX / LEVEL_MAX;
        this.fine = level == null ? null : LinearScale.configured(scale * toFine, offset * toFine, 0, FINE_MAX);
    }

    // ---- MIDI -> CLASP

    Value level(int wire) {
        if (level != null) return level.toClasp(wire);
        return normalize ? Value.of(wire / (double) LEVEL_MAX) : Value.of((long) wire);
    }

    Value fine(int wire) {
        if (fine != null) return fine.toClasp(wire);
        return normalize ? Value.of(wire / (double) FINE_MAX) : Value.of((long) wire);
    }

    Value bend(int wire) {
        if (!normalize) return Value.of((long) wire);
        return Value.of(wire < 0 ? wire / (double) -BEND_MIN : wire / (double) BEND_MAX);
    }

    // ---- CLASP -> MIDI

    int toLevel(Value value) {
        if (level != null) return (int) level.toWire(value, NOT_NUMERIC);
        return normalize ? unit(value, 0, LEVEL_MAX) : toInt(value, 0, LEVEL_MAX);
    }

    int toFine(Value value) {
        if (fine != null) return (int) fine.toWire(value, NOT_NUMERIC);
        return normalize ? unit(value, 0, FINE_MAX) : toInt(value, 0, FINE_MAX);
    }

    int toBend(Value value) {
        return normalize ? unit(value, BEND_MIN, BEND_MAX) : toInt(value, BEND_MIN, BEND_MAX);
    }

    /** A raw number: Int clamped, Float rounded half up and clamped, Bool the ends, else {@link #NOT_NUMERIC}. */
    static int toInt(Value value, int min, int max) {
        if (value instanceof IntValue i) return (int) Math.max(min, Math.min(max, i.value()));
        if (value instanceof FloatValue f) {
            if (Double.isNaN(f.value())) return NOT_NUMERIC;
            return (int) Math.max(min, Math.min(max, Math.round(f.value())));
        }
        if (value instanceof BoolValue b) return b.value() ? max : min;
        return NOT_NUMERIC;
    }

    /** A normalised number (0.0–1.0, or −1.0–1.0 for a signed range) as a wire number in [min, max]. */
    private static int unit(Value value, int min, int max) {
        double v;
        if (value instanceof IntValue i) v = i.value();
        else if (value instanceof FloatValue f) v = f.value();
        else if (value instanceof BoolValue b) return b.value() ? max : min;
        else return NOT_NUMERIC;
        if (Double.isNaN(v)) return NOT_NUMERIC;
        if (min < 0) {
            v = Math.max(-1, Math.min(1, v));
            return (int) Math.round(v < 0 ? v * -min : v * max);
        }
        return (int) Math.round(Math.max(0, Math.min(1, v)) * max);
    }
}
