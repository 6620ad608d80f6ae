package clasp.api.message;

import clasp.api.SignalType;
import java.util.Objects;

/** A signal announced in ANNOUNCE or listed in RESULT. RESULT carries no meta. */
public record SignalDefinition(String address, SignalType type, String datatype, String access, SignalMeta meta) {
    public SignalDefinition {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(type, "type");
    }

    public SignalDefinition(String address, SignalType type) { this(address, type, null, null, null); }
}
