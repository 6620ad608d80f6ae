package clasp.security.internal.scope;

import clasp.api.Value;
import clasp.api.auth.Action;
import clasp.api.auth.Authoriser;
import clasp.api.auth.Principal;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The authoriser of authenticated mode: checks each request against the principal's scopes (§14.5) and each write
 * against their constraints. A principal's scopes are parsed and compiled once into a {@link ScopeSet}, cached by
 * principal instance (a session keeps its principal) in a bounded cache. A principal with a scope that does not
 * parse is refused everything, and the problem is logged once per principal name.
 */
public final class ScopeAuthoriser implements Authoriser {
    /** The cache is emptied when it grows past this many principals. */
    static final int MAX_CACHED = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger("clasp.security");

    private final ConcurrentHashMap<Identity, ScopeSet> compiled = new ConcurrentHashMap<>();
    private final Set<String> reported = ConcurrentHashMap.newKeySet();
    private final WriteRates rates;

    /** Keys the cache by principal instance: cheaper than hashing a principal's scopes on every check. */
    private record Identity(Principal principal) {
        @Override
        public boolean equals(Object o) { return o instanceof Identity other && other.principal == principal; }

        @Override
        public int hashCode() { return System.identityHashCode(principal); }
    }

    public ScopeAuthoriser() { this(new WriteRates()); }

    /** @param rates where writes are counted for {@code rate} constraints */
    public ScopeAuthoriser(WriteRates rates) { this.rates = rates; }

    @Override
    public boolean allows(Principal principal, Action action, String address) {
        return scopeSet(principal).allows(action, address);
    }

    @Override
    public String constraintBroken(Principal principal, Action action, String address, Value value) {
        return scopeSet(principal).constraintBroken(action, address, value);
    }

    /** The compiled scopes of {@code principal}, from the cache or compiled now. */
    ScopeSet scopeSet(Principal principal) {
        Identity key = new Identity(principal);
        ScopeSet set = compiled.get(key);
        if (set != null) return set;
        if (compiled.size() >= MAX_CACHED) compiled.clear();
        return compiled.computeIfAbsent(key, k -> compile(principal));
    }

    /** Principals compiled and cached now. */
    int cached() { return compiled.size(); }

    private ScopeSet compile(Principal principal) {
        List<Scope> scopes;
        try {
            scopes = Scopes.parseAll(principal.scopes());
        } catch (IllegalArgumentException e) {
            if (reported.size() >= MAX_CACHED) reported.clear();
            if (reported.add(principal.name())) {
                LOG.warn("Principal {} is refused everything: {}", principal.name(), e.getMessage());
            }
            return ScopeSet.denyingAll(principal.name());
        }
        return ScopeSet.compile(principal.name(), scopes, rates);
    }
}
