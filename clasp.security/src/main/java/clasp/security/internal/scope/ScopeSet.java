package clasp.security.internal.scope;

import clasp.api.Address;
import clasp.api.Value;
import clasp.api.auth.Action;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One principal's scopes compiled for checking (§14.4, §14.5): scopes without wildcard in a map by their exact
 * address, wildcard scopes in a {@link ScopeTrie}, so a check costs about the depth of the address, not the number
 * of scopes. Immutable after {@link #compile}; shared by every thread checking that principal.
 */
public final class ScopeSet {
    private final String principal;
    private final WriteRates rates;
    private final boolean denyAll;
    private final boolean anyWrite;
    private final Map<String, List<Scope>> exact = new HashMap<>();
    /** Read scopes without wildcard by their non-empty segments joined, for SUBSCRIBE coverage. */
    private final Map<String, List<Scope>> exactReadBySegments = new HashMap<>();
    private final ScopeTrie wildcards = new ScopeTrie();
    /** Scopes tested so far; for tests only (not exact when threads race). */
    private long examined;

    private ScopeSet(String principal, Collection<Scope> scopes, WriteRates rates, boolean denyAll) {
        this.principal = principal;
        this.rates = rates;
        this.denyAll = denyAll;
        boolean write = false;
        for (Scope scope : scopes) {
            write |= scope.action().includes(ScopeAction.WRITE);
            if (scope.isWildcard()) {
                wildcards.add(scope);
            } else {
                exact.computeIfAbsent(scope.pattern(), k -> new ArrayList<>()).add(scope);
                if (scope.action() == ScopeAction.READ) {
                    exactReadBySegments.computeIfAbsent(segmentKey(scope.pattern()), k -> new ArrayList<>()).add(scope);
                }
            }
        }
        this.anyWrite = write;
    }

    /**
     * @param principal the principal's name, which keys its write rates
     * @param rates     where writes are counted for {@code rate} constraints
     */
    public static ScopeSet compile(String principal, Collection<Scope> scopes, WriteRates rates) {
        return new ScopeSet(principal, scopes, rates, false);
    }

    /** The set of a principal whose scopes could not be read: it is refused everything, unchecked actions too. */
    public static ScopeSet denyingAll(String principal) {
        return new ScopeSet(principal, List.of(), new WriteRates(() -> 0, 1), true);
    }

    /** May the principal do {@code action} at {@code address} (§14.5, with the §14.6 coverage rule for SUBSCRIBE)? */
    public boolean allows(Action action, String address) {
        if (denyAll) return false;
        return switch (action) {
            case QUERY, ANNOUNCE -> true;
            case BUNDLE -> anyWrite;
            case SET, PUBLISH -> anyMatching(address, ScopeAction.WRITE);
            case GET -> anyMatching(address, ScopeAction.READ);
            case SUBSCRIBE -> covered(address);
        };
    }

    /**
     * The constraint a SET or PUBLISH of {@code value} at {@code address} breaks, or null; a write within the
     * limits is counted against the rate. Unconstrained if any write scope matching the address has no constraint;
     * else the value must be within the range of some matching scope, and the rate is the highest among those.
     */
    public String constraintBroken(Action action, String address, Value value) {
        if (denyAll || (action != Action.SET && action != Action.PUBLISH)) return null;
        List<Scope> matching = matchingWrites(address);
        Scope limiting = null;
        String refusal = null;
        boolean passed = false;
        for (Scope scope : matching) {
            if (!scope.constrained()) return null;
            String refused = scope.range() == null ? null : ValueRange.refused(scope.range(), action, value);
            if (refused != null) {
                if (refusal == null) refusal = "Constraint range " + scope.range() + " of " + scope.grant() + " refuses " + refused;
                continue;
            }
            passed = true;
            if (scope.rate() == 0) return null;
            if (limiting == null || scope.rate() > limiting.rate()) limiting = scope;
        }
        if (!passed) return refusal;
        if (limiting == null || rates.tryWrite(principal, address, limiting.rate())) return null;
        return "Constraint rate " + limiting.rate() + "/s of " + limiting.grant() + " exceeded at " + address;
    }

    private boolean anyMatching(String address, ScopeAction needed) {
        List<Scope> same = address == null ? null : exact.get(address);
        if (same != null) {
            for (Scope scope : same) {
                examined++;
                if (scope.action().includes(needed)) return true;
            }
        }
        return wildcards.anyOnPath(address, filed -> {
            examined++;
            return filed.scope().action().includes(needed) && filed.matches(address);
        });
    }

    private List<Scope> matchingWrites(String address) {
        List<Scope> out = new ArrayList<>();
        List<Scope> same = address == null ? null : exact.get(address);
        if (same != null) {
            for (Scope scope : same) if (scope.action().includes(ScopeAction.WRITE)) out.add(scope);
        }
        wildcards.anyOnPath(address, filed -> {
            if (filed.scope().action().includes(ScopeAction.WRITE) && filed.matches(address)) out.add(filed.scope());
            return false;
        });
        return out;
    }

    /** SUBSCRIBE (and REPLAY): a read scope, exactly, whose pattern covers the requested pattern (§16.4). */
    private boolean covered(String pattern) {
        if (Address.problem(pattern) != null) return false;
        List<Scope> same = exactReadBySegments.get(segmentKey(pattern));
        if (same != null) {
            for (Scope scope : same) {
                examined++;
                if (PatternCoverage.covers(pattern, scope.pattern())) return true;
            }
        }
        return wildcards.anyOnPath(pattern, filed -> {
            examined++;
            return filed.scope().action() == ScopeAction.READ && PatternCoverage.covers(pattern, filed.scope().pattern());
        });
    }

    private static String segmentKey(String pattern) {
        StringBuilder key = new StringBuilder();
        for (String segment : pattern.split("/")) if (!segment.isEmpty()) key.append('/').append(segment);
        return key.toString();
    }

    /** Scopes tested by checks so far (exact-address and trie candidates); for tests of the index. */
    long examined() { return examined; }
}
