package clasp.router.internal.delivery;

import clasp.api.message.ParamEntry;
import clasp.api.message.ResultMessage;
import clasp.api.message.SignalDefinition;
import clasp.api.message.SnapshotMessage;
import clasp.protocol.ClaspCodec;
import clasp.protocol.WireSizes;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;
import java.util.function.UnaryOperator;

/**
 * Splits SNAPSHOT and RESULT lists into messages of at most 800 entries that each fit one frame (D9, D15). The
 * streaming forms build one message at a time and stop when the sink refuses more, so a reply never costs more
 * than one message beyond what its session can take. The paced forms build the next message only when asked, so a
 * session can send a reply as fast as its peer reads it, holding one message at a time.
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

    /**
     * SNAPSHOTs of {@code params} built one per {@link Supplier#get} call (null when done). Every entry is read
     * again through {@code fresh} (null: gone) when its message is built, so no entry is older than a SET the
     * session already got, however the iterator was filled.
     */
    public static Supplier<SnapshotMessage> pacedSnapshots(Iterator<ParamEntry> params, UnaryOperator<ParamEntry> fresh,
                                                          boolean evenIfEmpty) {
        return new Paced<>(params, fresh, WireSizes::paramEntrySize, SnapshotMessage::new, evenIfEmpty);
    }

    /** RESULTs of {@code signals}, at least one, built one per call as for {@link #pacedSnapshots}. */
    public static Supplier<ResultMessage> pacedResults(Iterator<SignalDefinition> signals) {
        return new Paced<>(signals, UnaryOperator.identity(), WireSizes::resultEntrySize, ResultMessage::new, true);
    }

    /** Builds the next message on each call; holds the iterator and at most one item read ahead. */
    private static final class Paced<T, M> implements Supplier<M> {
        private final Iterator<T> items;
        private final UnaryOperator<T> fresh;
        private final ToIntFunction<T> size;
        private final Function<List<T>, M> message;
        private boolean owesEmpty;
        private T carried;

        Paced(Iterator<T> items, UnaryOperator<T> fresh, ToIntFunction<T> size, Function<List<T>, M> message,
              boolean evenIfEmpty) {
            this.items = items;
            this.fresh = fresh;
            this.size = size;
            this.message = message;
            this.owesEmpty = evenIfEmpty;
        }

        @Override public M get() {
            List<T> chunk = new ArrayList<>();
            int bytes = 0;
            T item = carried != null ? fresh.apply(carried) : null;
            carried = null;
            while (item != null || items.hasNext()) {
                if (item == null) {
                    item = fresh.apply(items.next());   // read when built: never older than a SET already sent
                    if (item == null) continue;         // gone since the list was taken
                }
                int n = size.applyAsInt(item);
                if (!chunk.isEmpty() && (chunk.size() == MAX_ENTRIES || bytes + n > ENTRY_BYTES)) {
                    carried = item;
                    break;
                }
                chunk.add(item);
                bytes += n;
                item = null;
            }
            if (chunk.isEmpty() && !owesEmpty) return null;
            owesEmpty = false;
            return message.apply(chunk);
        }
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
