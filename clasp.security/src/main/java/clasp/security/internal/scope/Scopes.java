package clasp.security.internal.scope;

import java.util.ArrayList;
import java.util.List;

/**
 * Scope lists as tokens and configuration carry them: comma-separated, each item trimmed, empty items skipped.
 * A comma always separates scopes, so a granted pattern cannot contain one (nor a {@code {a,b}} alternative);
 * grant such addresses with several scopes instead.
 */
public final class Scopes {
    private Scopes() {}

    /** Parses {@code "read:/a/**, write:/b/*|rate=10"}; the first bad item throws {@link IllegalArgumentException}. */
    public static List<Scope> parseList(String text) {
        List<Scope> out = new ArrayList<>();
        if (text == null) return out;
        for (String item : text.split(",")) {
            if (!item.isBlank()) out.add(Scope.parse(item));
        }
        return out;
    }

    /** Parses each string of a principal's scopes; the first bad one throws {@link IllegalArgumentException}. */
    public static List<Scope> parseAll(Iterable<String> scopes) {
        List<Scope> out = new ArrayList<>();
        for (String s : scopes) out.add(Scope.parse(s));
        return out;
    }
}
