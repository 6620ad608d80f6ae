package clasp.bridge.sacn.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Lists of universes as people write them: {@code 1, 3-5, 9} (E1.31 universes 1-63999). */
final class Universes {
    private Universes() {
    }

    /**
     * The universes of {@code entries}, each a number or a range {@code a-b}, ascending without repeats.
     *
     * @throws IllegalArgumentException naming the entry that is no universe or range of universes
     */
    static Set<Integer> parse(String[] entries) {
        Set<Integer> out = new TreeSet<>();
        for (String raw : entries) {
            for (String entry : raw.split(",")) {
                String e = entry.trim();
                if (e.isEmpty()) continue;
                int dash = e.indexOf('-', 1);
                int from = number(dash < 0 ? e : e.substring(0, dash), e);
                int to = dash < 0 ? from : number(e.substring(dash + 1), e);
                if (to < from) throw new IllegalArgumentException("universe range " + e + " runs backwards");
                for (int u = from; u <= to; u++) out.add(u);
            }
        }
        return out;
    }

    private static int number(String text, String entry) {
        String t = text.trim();
        if (t.isEmpty() || t.length() > 5 || !t.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("universe " + entry + " is not a number 1-63999 or a range such as 1-4");
        }
        int u = Integer.parseInt(t);
        if (!E131.isUniverse(u)) throw new IllegalArgumentException("universe " + u + " is outside 1-63999");
        return u;
    }

    /** "1-4, 7" for 1, 2, 3, 4, 7 (ascending input); "none" for none. */
    static String format(Collection<Integer> universes) {
        if (universes.isEmpty()) return "none";
        List<String> parts = new ArrayList<>();
        int start = -1;
        int last = -1;
        for (int u : new TreeSet<>(universes)) {
            if (start >= 0 && u == last + 1) {
                last = u;
                continue;
            }
            if (start >= 0) parts.add(start == last ? Integer.toString(start) : start + "-" + last);
            start = u;
            last = u;
        }
        parts.add(start == last ? Integer.toString(start) : start + "-" + last);
        return String.join(", ", parts);
    }
}
