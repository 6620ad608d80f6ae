package clasp.router.internal.param;

import clasp.api.Address;
import clasp.protocol.match.Glob;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The conflict strategy of each address, from the router's configuration: rules {@code pattern=strategy}
 * (pattern as in SUBSCRIBE, glob-matched; strategy {@code lww}, {@code max}, {@code min} or {@code lock}), the first
 * matching rule in configuration order deciding; an address no rule matches is {@code lww}. Immutable: a new
 * configuration builds a new instance, so writes read it without a lock. No rules: no matching at all.
 */
public final class Strategies {
    private static final Logger LOG = LoggerFactory.getLogger(Strategies.class);

    /** No rules: every param last-writer-wins. */
    public static final Strategies NONE = new Strategies(List.of());

    /** {@code prefix}: the literal start of every address the pattern matches, checked first because it is cheap. */
    private record Rule(String pattern, String prefix, Strategy strategy) { }

    private final List<Rule> rules;

    private Strategies(List<Rule> rules) { this.rules = rules; }

    /** The rules of {@code entries}; a malformed entry is logged and skipped, the others still apply. */
    public static Strategies parse(List<String> entries) {
        List<Rule> rules = new ArrayList<>();
        for (String entry : entries) {
            Rule r = rule(entry);
            if (r == null) LOG.warn("clasp.router: conflict strategy rule '{}' ignored: expected <pattern>=lww|max|min|lock", entry);
            else rules.add(r);
        }
        return rules.isEmpty() ? NONE : new Strategies(List.copyOf(rules));
    }

    private static Rule rule(String entry) {
        int eq = entry == null ? -1 : entry.lastIndexOf('=');
        if (eq <= 0) return null;
        String pattern = entry.substring(0, eq).trim();
        if (Address.problem(pattern) != null) return null;
        try {
            Strategy strategy = Strategy.valueOf(entry.substring(eq + 1).trim().toUpperCase(Locale.ROOT));
            return new Rule(pattern, Glob.literalPrefix(pattern), strategy);
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }

    /** The strategy deciding writes to {@code address}. */
    public Strategy of(String address) {
        for (Rule r : rules) if (address.startsWith(r.prefix) && Glob.matches(r.pattern, address)) return r.strategy;
        return Strategy.LWW;
    }

    /** How many rules apply. */
    public int size() { return rules.size(); }
}
