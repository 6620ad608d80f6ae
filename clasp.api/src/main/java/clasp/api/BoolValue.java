package clasp.api;

/** A CLASP boolean. */
public record BoolValue(boolean value) implements Value {
    public static final BoolValue TRUE = new BoolValue(true);
    public static final BoolValue FALSE = new BoolValue(false);

    @Override public ValueKind kind() { return ValueKind.BOOL; }
    @Override public String toString() { return Boolean.toString(value); }
}
