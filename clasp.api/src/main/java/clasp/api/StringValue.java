package clasp.api;

import java.util.Objects;

/** A CLASP string (UTF-8 on the wire). */
public record StringValue(String value) implements Value {
    public StringValue {
        Objects.requireNonNull(value, "value");
    }

    @Override public ValueKind kind() { return ValueKind.STRING; }
    @Override public String toString() { return '"' + value + '"'; }
}
