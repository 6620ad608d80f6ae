package clasp.security.internal.scope;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Delegation rules for capability tokens (§14.8): a child scope must be allowed by some parent scope. Action: admin
 * delegates any, write delegates write or read, read only read. Pattern: {@link PatternCoverage#isSubset}.
 * Constraints: a write child of a parent with a range needs a range within it, of a parent with a rate a rate no
 * higher; a read child writes nothing, so the parent's constraints do not apply to it.
 */
public final class Attenuation {
    private Attenuation() {}

    /** May {@code child} be delegated from {@code parent}? */
    public static boolean allowedBy(Scope child, Scope parent) {
        if (!parent.action().mayDelegate(child.action())) return false;
        if (!PatternCoverage.isSubset(child.pattern(), parent.pattern())) return false;
        if (child.action() == ScopeAction.READ) return true;
        if (parent.range() != null && (child.range() == null || !child.range().within(parent.range()))) return false;
        return parent.rate() == 0 || (child.rate() > 0 && child.rate() <= parent.rate());
    }

    /**
     * @return null when every child is allowed by some parent, else
     *         "scope attenuation violation: &lt;child&gt; not within &lt;parents, comma-separated&gt;" for the first that is not
     */
    public static String check(List<Scope> children, List<Scope> parents) {
        for (Scope child : children) {
            if (parents.stream().noneMatch(parent -> allowedBy(child, parent))) {
                return "scope attenuation violation: " + child + " not within "
                        + (parents.isEmpty() ? "(no scopes)"
                                : parents.stream().map(Scope::toString).collect(Collectors.joining(", ")));
            }
        }
        return null;
    }
}
