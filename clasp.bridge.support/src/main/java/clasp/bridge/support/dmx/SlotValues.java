package clasp.bridge.support.dmx;

import clasp.api.BoolValue;
import clasp.api.FloatValue;
import clasp.api.IntValue;
import clasp.api.Value;
import clasp.bridge.support.LinearScale;

/**
 * A DMX slot's value both ways (bridges.md §4.5). By default, out: Int clamped to 0–255, Float taken as normalised
 * (round(clamp(v, 0, 1) × 255)), true 255 and false 0; in: Int 0–255, or Float v/255 with {@code normalize}. With a
 * configured {@link LinearScale} both ways follow it instead. Anything else has no slot value. Immutable.
 */
public final class SlotValues {
    /** What {@link #toSlot} returns for a value that has no slot value. */
    public static final int NOT_NUMERIC = -1;

    private final boolean normalize;
    private final LinearScale scale;

    /**
     * @param normalize inbound slot values as Floats 0.0–1.0 rather than Ints 0–255 (ignored when {@code scale} is set)
     * @param scale     the instance's configured mapping ({@link LinearScale#configured}), or null
     */
    public SlotValues(boolean normalize, LinearScale scale) {
        this.normalize = normalize;
        this.scale = scale == null ? null : scale.withRange(0, 255);
    }

    /** The slot value 0–255 for an outbound CLASP value, or {@link #NOT_NUMERIC}. */
    public int toSlot(Value value) {
        if (scale != null) return (int) scale.toWire(value, NOT_NUMERIC);
        if (value instanceof IntValue i) return (int) Math.max(0, Math.min(255, i.value()));
        if (value instanceof FloatValue f) {
            double v = f.value();
            if (Double.isNaN(v)) return NOT_NUMERIC;
            return (int) Math.round(Math.max(0, Math.min(1, v)) * 255);
        }
        if (value instanceof BoolValue b) return b.value() ? 255 : 0;
        return NOT_NUMERIC;
    }

    /** The CLASP value of an inbound slot value 0–255. */
    public Value toClasp(int slotValue) {
        if (scale != null) return scale.toClasp(slotValue);
        return normalize ? Value.of(slotValue / 255.0) : Value.of((long) slotValue);
    }
}
