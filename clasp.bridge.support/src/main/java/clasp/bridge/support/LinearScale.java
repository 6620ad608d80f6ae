package clasp.bridge.support;

import clasp.api.BoolValue;
import clasp.api.FloatValue;
import clasp.api.IntValue;
import clasp.api.Value;
import clasp.api.auth.Principal;
import clasp.api.hook.ValueTransform;

/**
 * A bridge instance's mapping between CLASP numbers and its protocol's numbers, configured instead of written:
 * {@code wire = round(value × scale + offset)} (halves up), clamped to the protocol's range [{@code wireMin}, {@code wireMax}];
 * back, {@code value = (wire − offset) / scale} as a Float. So scale 255 lets a fader at 0.0–1.0 drive a DMX slot,
 * scale 127 a MIDI controller, and scale −255 with offset 255 inverts it. Int and Float map alike; true and false map
 * to the ends of the range; anything else has no protocol number. As a {@link ValueTransform} it turns a CLASP value
 * into the protocol number it stands for (an Int), or null. Immutable and thread-safe.
 */
public final class LinearScale implements ValueTransform {
    private final double scale;
    private final double offset;
    private final long wireMin;
    private final long wireMax;

    private LinearScale(double scale, double offset, long wireMin, long wireMax) {
        if (!Double.isFinite(scale) || scale == 0) throw new IllegalArgumentException("scale must be a finite number other than 0, not " + scale);
        if (!Double.isFinite(offset)) throw new IllegalArgumentException("offset must be a finite number, not " + offset);
        if (wireMin > wireMax) throw new IllegalArgumentException("the range " + wireMin + ".." + wireMax + " is empty");
        this.scale = scale;
        this.offset = offset;
        this.wireMin = wireMin;
        this.wireMax = wireMax;
    }

    /**
     * The mapping a bridge instance was configured with, or null when it was left at scale 1, offset 0 (the
     * bridge then maps as its protocol's section of bridges.md says).
     *
     * @throws IllegalArgumentException for a scale of 0 or a number that is not finite
     */
    public static LinearScale configured(double scale, double offset, long wireMin, long wireMax) {
        if (scale == 1 && offset == 0) return null;
        return new LinearScale(scale, offset, wireMin, wireMax);
    }

    /** The same factors for another range of protocol numbers (MIDI's 7-bit and 14-bit values, say). */
    public LinearScale withRange(long min, long max) { return new LinearScale(scale, offset, min, max); }

    public double scale() { return scale; }

    public double offset() { return offset; }

    /** The protocol number for a CLASP number. */
    public long toWire(double value) {
        // to 6 decimals first, so that 50 × 2.55 (127.49999…) rounds as written, to 128
        if (Double.isNaN(value)) return wireMin;
        long wire = Math.round(Math.rint((value * scale + offset) * 1e6) / 1e6);
        return Math.max(wireMin, Math.min(wireMax, wire));
    }

    /** The protocol number for a CLASP value; {@code fallback} for a value that is not Int, Float or Bool. */
    public long toWire(Value value, long fallback) {
        if (value instanceof IntValue i) return toWire((double) i.value());
        if (value instanceof FloatValue f) return toWire(f.value());
        if (value instanceof BoolValue b) return b.value() ? wireMax : wireMin;
        return fallback;
    }

    /** The CLASP value a protocol number stands for. */
    public Value toClasp(long wire) { return Value.of((wire - offset) / scale + 0.0); }   // + 0.0: never -0.0

    /** The protocol number (an Int) {@code value} stands for, or null when it has none. */
    @Override
    public Value transform(Principal principal, String address, Value value) {
        if (!(value instanceof IntValue) && !(value instanceof FloatValue) && !(value instanceof BoolValue)) return null;
        return Value.of(toWire(value, wireMin));
    }

    @Override
    public String toString() { return "× " + scale + " + " + offset + " in " + wireMin + ".." + wireMax; }
}
