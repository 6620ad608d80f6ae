package clasp.bridge.support.dmx;

/**
 * One DMX slot as a CLASP address names it: {@code {namespace}/{universe}/{slot}}, slot 1–512 (bridges.md §4.5,
 * §5.4, §6.3). Universe ranges differ per protocol, so the caller gives them.
 */
public record SlotAddress(int universe, int slot) {
    public static final int SLOTS = 512;

    public SlotAddress {
        if (slot < 1 || slot > SLOTS) throw new IllegalArgumentException("slot " + slot + " is outside 1.." + SLOTS);
    }

    /**
     * The slot {@code address} names, or null when it is not {@code {namespace}/{universe}/{slot}} with a decimal
     * universe in [{@code minUniverse}, {@code maxUniverse}] and a slot in 1–512.
     */
    public static SlotAddress parse(String namespace, String address, int minUniverse, int maxUniverse) {
        int[] numbers = numbersAfter(namespace, address, 2);
        if (numbers == null) return null;
        int universe = numbers[0];
        int slot = numbers[1];
        if (universe < minUniverse || universe > maxUniverse || slot < 1 || slot > SLOTS) return null;
        return new SlotAddress(universe, slot);
    }

    /**
     * The {@code count} decimal segments that follow {@code namespace} in {@code address} and end it, or null when
     * the address is not that shape (a segment is not a number of at most 9 digits, or there are more or fewer).
     * Bridges use it for their address aliases ({@code {ns}/{net}/{subnet}/{universe}/{slot}}, {@code {ns}/{slot}}).
     */
    public static int[] numbersAfter(String namespace, String address, int count) {
        if (!address.startsWith(namespace) || address.length() <= namespace.length()
                || address.charAt(namespace.length()) != '/') return null;
        int[] numbers = new int[count];
        int at = namespace.length() + 1;
        for (int i = 0; i < count; i++) {
            int end = address.indexOf('/', at);
            if (end < 0) end = address.length();
            else if (i == count - 1) return null;   // more segments than asked for
            int n = decimal(address, at, end);
            if (n < 0) return null;
            numbers[i] = n;
            at = end + 1;
        }
        return at > address.length() ? numbers : null;
    }

    private static int decimal(String s, int from, int to) {
        if (to <= from || to - from > 9) return -1;
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') return -1;
            n = n * 10 + (c - '0');
        }
        return n;
    }

    /** This slot's CLASP address under {@code namespace}. */
    public String address(String namespace) { return namespace + '/' + universe + '/' + slot; }
}
