package clasp.bridge.artnet.internal;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.List;

/**
 * A configured list of Art-Net universes (Port-Addresses 0-32767), written as numbers and ranges: {@code 1},
 * {@code 0-15}. An empty list stands for every universe. Immutable.
 */
final class UniverseSet {
    static final UniverseSet ALL = new UniverseSet(new BitSet());

    private final BitSet universes;

    private UniverseSet(BitSet universes) {
        this.universes = universes;
    }

    /**
     * The set the entries name (each a number or a range {@code a-b}, blanks ignored).
     *
     * @throws IllegalArgumentException naming the first entry that is not one, or is outside 0-32767
     */
    static UniverseSet parse(String[] entries) {
        BitSet set = new BitSet();
        for (String raw : entries) {
            String entry = raw.trim();
            if (entry.isEmpty()) continue;
            int dash = entry.indexOf('-', 1);
            int from = number(dash < 0 ? entry : entry.substring(0, dash), entry);
            int to = dash < 0 ? from : number(entry.substring(dash + 1), entry);
            if (to < from) throw new IllegalArgumentException("the range " + entry + " is empty");
            set.set(from, to + 1);
        }
        return new UniverseSet(set);
    }

    private static int number(String text, String entry) {
        try {
            int n = Integer.parseInt(text.trim());
            if (n >= 0 && n <= ArtNet.MAX_PORT_ADDRESS) return n;
        } catch (NumberFormatException e) {
            // named below
        }
        throw new IllegalArgumentException("universe " + entry + " is not a number or range within 0-32767");
    }

    /** True when the list was empty: every universe. */
    boolean all() { return universes.isEmpty(); }

    boolean contains(int universe) { return all() || universes.get(universe); }

    /** The listed universes in order (none for {@link #all()}). */
    List<Integer> listed() {
        List<Integer> list = new ArrayList<>();
        for (int u = universes.nextSetBit(0); u >= 0; u = universes.nextSetBit(u + 1)) list.add(u);
        return list;
    }

    /** The list as configured, compacted: "1, 4-7"; "all" when empty. */
    @Override
    public String toString() { return all() ? "all" : compact(universes); }

    /** Universes written as numbers and ranges: "1, 4-7"; "none" without any. */
    static String compact(Collection<Integer> list) {
        BitSet set = new BitSet();
        for (int u : list) set.set(u);
        return set.isEmpty() ? "none" : compact(set);
    }

    private static String compact(BitSet universes) {
        StringBuilder s = new StringBuilder();
        for (int u = universes.nextSetBit(0); u >= 0; ) {
            int end = universes.nextClearBit(u) - 1;
            if (s.length() > 0) s.append(", ");
            s.append(u);
            if (end > u) s.append('-').append(end);
            u = universes.nextSetBit(end + 1);
        }
        return s.toString();
    }
}
