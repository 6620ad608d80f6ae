package clasp.api;

import java.util.List;

/** An immutable CLASP array. */
public record ArrayValue(List<Value> items) implements Value {
    public ArrayValue {
        items = List.copyOf(items);
    }

    @Override public ValueKind kind() { return ValueKind.ARRAY; }
    @Override public String toString() { return items.toString(); }
}
