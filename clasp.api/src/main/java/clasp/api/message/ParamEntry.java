package clasp.api.message;

import clasp.api.Value;
import java.util.Objects;

/** One param in a SNAPSHOT; writer (session id) and timestamp (u64 µs) are absent when null. */
public record ParamEntry(String address, Value value, long revision, String writer, Long timestamp) {
    public ParamEntry {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(value, "value");
    }
}
