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
import java.util.function.Predicate;
import java.util.function.ToIntFunction;

/**
 * Splits SNAPSHOT and RESULT lists into messages of at most 800 entries that each fit one frame (D9, D15). The
 * streaming forms build one message at a time and stop when the sink refuses more, so a reply never costs more
 * than one message beyond what its session can take.
 */
public final class Chunks {
    public static final int MAX_ENTRIES = 800;
    /** Payload bytes left for entries after the type code and count. */
    public static final int ENTRY_BYTES = ClaspCodec.MAX_PAYLOAD_BYTES - WireSizes.LIST_HEADER_BYTES;

    private Chunks() {}

    /** At least one message, empty when there is nothing to send. */
    public static List<SnapshotMessage> snapshots(List<ParamEntry> params) {
        List<SnapshotMessage> out = new ArrayList<>();
        snapshots(params, true, out::add);
        return out;
    }

    public static List<ResultMessage> results(List<SignalDefinition> signals) {
        List<ResultMessage> out = new ArrayList<>();
        results(signals, out::add);
        return out;
    }

    /**
     * Hands SNAPSHOTs of {@code params} to {@code sink} one by one as they fill (an empty one when there are none
     * and {@code evenIfEmpty}); stops when the sink returns false. Returns false if it stopped early.
     */
    public static boolean snapshots(Iterable<ParamEntry> params, boolean evenIfEmpty, Predicate<SnapshotMessage> sink) {
        return split(params, WireSizes::paramEntrySize, SnapshotMessage::new, evenIfEmpty, sink);
    }

    /** RESULTs of {@code signals}, at least one, handed over as for {@link #snapshots(Iterable, boolean, Predicate)}. */
    public static boolean results(Iterable<SignalDefinition> signals, Predicate<ResultMessage> sink) {
        return split(signals, WireSizes::resultEntrySize, ResultMessage::new, true, sink);
    }

    private static <T, M> boolean split(Iterable<T> items, ToIntFunction<T> size, Function<List<T>, M> message,
                                        boolean evenIfEmpty, Predicate<M> sink) {
        List<T> chunk = new ArrayList<>();
        boolean any = false;
        int bytes = 0;
        for (T item : items) {
            int n = size.applyAsInt(item);
            if (!chunk.isEmpty() && (chunk.size() == MAX_ENTRIES || bytes + n > ENTRY_BYTES)) {
                any = true;
                if (!sink.test(message.apply(chunk))) return false;
                chunk = new ArrayList<>();
                bytes = 0;
            }
            chunk.add(item);
            bytes += n;
        }
        if (!chunk.isEmpty() || (!any && evenIfEmpty)) return sink.test(message.apply(chunk));
        return true;
    }
}
