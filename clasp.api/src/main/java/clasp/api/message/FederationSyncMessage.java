package clasp.api.message;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** FEDERATION_SYNC (0x04), router to router. {@code revisions} keeps its wire order. */
public record FederationSyncMessage(FederationOp op, List<String> patterns, Map<String, Long> revisions,
                                    Long sinceRevision, String origin) implements Message {
    public FederationSyncMessage {
        Objects.requireNonNull(op, "op");
        patterns = List.copyOf(patterns);
        revisions = Collections.unmodifiableMap(new LinkedHashMap<>(revisions));
    }

    @Override public MessageType type() { return MessageType.FEDERATION_SYNC; }
}
