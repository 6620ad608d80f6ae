package clasp.api;

/** The CLASP null value. */
public final class NullValue implements Value {
    public static final NullValue INSTANCE = new NullValue();

    private NullValue() {}

    @Override public ValueKind kind() { return ValueKind.NULL; }
    @Override public String toString() { return "null"; }
}
