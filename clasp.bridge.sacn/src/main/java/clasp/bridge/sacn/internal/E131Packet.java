package clasp.bridge.sacn.internal;

import java.util.Arrays;
import java.util.UUID;

/** One E1.31 packet as {@link E131Codec} reads and writes it; every packet names its source by CID. */
sealed interface E131Packet {
    UUID cid();

    /**
     * A data packet (E1.31 §6.2, §7): one universe's slots with the source's name and priority, the universe that
     * synchronises it (0: none), the sequence number and the option bits. {@code slots} holds the values after the
     * start code (at most 512).
     */
    record Data(UUID cid, String sourceName, int priority, int syncUniverse, int sequence, int options, int universe,
                int startCode, byte[] slots) implements E131Packet {
        public boolean preview() { return (options & E131.OPTION_PREVIEW) != 0; }

        public boolean terminated() { return (options & E131.OPTION_TERMINATED) != 0; }

        public boolean forceSync() { return (options & E131.OPTION_FORCE_SYNC) != 0; }

        @Override public boolean equals(Object o) {
            return o instanceof Data d && cid.equals(d.cid) && sourceName.equals(d.sourceName) && priority == d.priority
                    && syncUniverse == d.syncUniverse && sequence == d.sequence && options == d.options
                    && universe == d.universe && startCode == d.startCode && Arrays.equals(slots, d.slots);
        }

        @Override public int hashCode() { return (cid.hashCode() * 31 + universe) * 31 + sequence; }

        @Override public String toString() {
            return "Data[universe " + universe + ", sequence " + sequence + ", options 0x" + Integer.toHexString(options)
                    + ", priority " + priority + ", " + slots.length + " slots, from " + sourceName + " " + cid + "]";
        }
    }

    /** A synchronisation packet (E1.31 §6.3): the universes that name {@code syncUniverse} apply their data now. */
    record Sync(UUID cid, int sequence, int syncUniverse) implements E131Packet {
    }

    /**
     * One page of a source's universe discovery list (E1.31 §6.4, §8): the universes it sends, ascending, at most
     * 512 a page, pages 0 to {@code lastPage}.
     */
    record Discovery(UUID cid, String sourceName, int page, int lastPage, int[] universes) implements E131Packet {
        @Override public boolean equals(Object o) {
            return o instanceof Discovery d && cid.equals(d.cid) && sourceName.equals(d.sourceName) && page == d.page
                    && lastPage == d.lastPage && Arrays.equals(universes, d.universes);
        }

        @Override public int hashCode() { return cid.hashCode() * 31 + page; }

        @Override public String toString() {
            return "Discovery[" + sourceName + " " + cid + ", page " + page + "/" + lastPage + ", "
                    + Arrays.toString(universes) + "]";
        }
    }
}
