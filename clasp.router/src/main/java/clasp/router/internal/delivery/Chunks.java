package clasp.router.internal.delivery;

import clasp.api.message.ParamEntry;
import clasp.api.message.ResultMessage;
import clasp.api.message.SignalDefinition;
import clasp.api.message.SnapshotMessage;
import clasp.protocol.ClaspCodec;
import clasp.protocol.WireSizes;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/** Splits SNAPSHOT and RESULT lists into messages of at most 800 entries that each fit one frame (D9, D15). */
public final class Chunks {
    public static final int MAX_ENTRIES = 800;
    /** Payload bytes left for entries after the type code and count. */
    public static final int ENTRY_BYTES = ClaspCodec.MAX_PAYLOAD_BYTES - WireSizes.LIST_HEADER_BYTES;

    private Chunks() {}

    /** At least one message, empty when there is nothing to send. */
    public static List<SnapshotMessage> snapshots(List<ParamEntry> params) {
        return split(params, WireSizes::paramEntrySize, SnapshotMessage::new);
    }

    public static List<ResultMessage> results(List<SignalDefinition> signals) {
        return split(signals, WireSizes::resultEntrySize, ResultMessage::new);
    }

    private static <T, M> List<M> split(List<T> items, ToIntFunction<T> size, Function<List<T>, M> message) {
        List<M> out = new ArrayList<>();
        List<T> chunk = new ArrayList<>();
        int bytes = 0;
        for (T item : items) {
            int n = size.applyAsInt(item);
            if (!chunk.isEmpty() && (chunk.size() == MAX_ENTRIES || bytes + n > ENTRY_BYTES)) {
                out.add(message.apply(chunk));
                chunk = new ArrayList<>();
                bytes = 0;
            }
            chunk.add(item);
            bytes += n;
        }
        if (!chunk.isEmpty() || out.isEmpty()) out.add(message.apply(chunk));
        return out;
    }
}
