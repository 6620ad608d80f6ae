package clasp.bridge.midi.internal;

import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Which MIDI port a direction of the bridge uses, by its name: empty = the first port of that direction; {@code none}
 * = none; {@code regex:<expression>} = a port whose name the regular expression finds (case-insensitive); anything
 * else = a port whose name contains the text, case-insensitive (so {@code launchpad} finds "Launchpad Mini MIDI 1").
 * Immutable.
 */
record PortPattern(String text, Pattern regex, boolean none) {
    static final String NONE = "none";
    static final String REGEX = "regex:";

    /** @throws IllegalArgumentException for a regular expression that does not compile */
    static PortPattern parse(String text) {
        String t = text.trim();
        if (t.equalsIgnoreCase(NONE)) return new PortPattern(t, null, true);
        if (t.startsWith(REGEX)) {
            try {
                return new PortPattern(t, Pattern.compile(t.substring(REGEX.length()), Pattern.CASE_INSENSITIVE), false);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("not a regular expression: " + t.substring(REGEX.length()) + " ("
                        + e.getDescription() + ")");
            }
        }
        return new PortPattern(t, null, false);
    }

    boolean any() {
        return text.isEmpty();
    }

    boolean matches(String name) {
        if (none) return false;
        if (regex != null) return regex.matcher(name).find();
        return name.toLowerCase(Locale.ROOT).contains(text.toLowerCase(Locale.ROOT));
    }

    /** The plain text of a substring pattern, else null (what a default device name is made of). */
    String plainText() {
        return none || regex != null || text.isEmpty() ? null : text;
    }

    @Override
    public String toString() {
        if (none) return "none";
        if (any()) return "any port";
        return regex != null ? "a port matching /" + regex.pattern() + "/" : "a port named like '" + text + "'";
    }
}
