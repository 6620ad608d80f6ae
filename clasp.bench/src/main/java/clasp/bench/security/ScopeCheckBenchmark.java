package clasp.bench.security;

import clasp.api.Value;
import clasp.api.auth.Action;
import clasp.api.auth.Principal;
import clasp.security.internal.scope.ScopeAuthoriser;
import clasp.security.internal.scope.ScopeSet;
import clasp.security.internal.scope.Scopes;
import clasp.security.internal.scope.WriteRates;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Cost of one authenticated-mode check through the scope authoriser (cache lookup of the principal's compiled
 * scopes, then the index) for a principal holding 1, 10 or 500 scopes: {@code write:/room<i>/*} and
 * {@code read:/room<i>/**} pairs plus exact {@code read:/desk/<i>/fader} scopes, and one ranged write scope. The
 * address checked matches the last room, so a linear scan would pay for every scope; the index should not.
 * {@code compile} is what the first check of a principal pays once: parsing its scopes and building the index.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ScopeCheckBenchmark {
    @Param({"1", "10", "500"})
    public int scopes;

    private ScopeAuthoriser authoriser;
    private Principal principal;
    private String hit;
    private String subscribe;
    private final Value level = Value.of(0.5);
    private final WriteRates rates = new WriteRates();

    @Setup(Level.Trial)
    public void setup() {
        Set<String> granted = new HashSet<>();
        int rooms = Math.max(1, scopes / 3);
        granted.add("write:/room" + (rooms - 1) + "/*");
        for (int i = 0; granted.size() < scopes; i++) {
            granted.add("write:/room" + (i % rooms) + "/*");
            if (granted.size() < scopes) granted.add("read:/room" + (i % rooms) + "/**");
            if (granted.size() < scopes) granted.add("read:/desk/" + i + "/fader");
        }
        if (scopes > 1) {
            granted.remove("read:/desk/0/fader");
            granted.add("write:/dimmer/*|range=0..1");
        }
        principal = new Principal("bench", granted);
        authoriser = new ScopeAuthoriser();
        hit = "/room" + (rooms - 1) + "/fader";
        subscribe = "/room" + (rooms - 1) + "/*";
        authoriser.allows(principal, Action.GET, hit);   // compiles once, before measuring
    }

    /** A SET the last room's write scope allows. */
    @Benchmark
    public boolean setAllowed() { return authoriser.allows(principal, Action.SET, hit); }

    /** A SET outside every scope. */
    @Benchmark
    public boolean setRefused() { return authoriser.allows(principal, Action.SET, "/elsewhere/fader"); }

    /** A SUBSCRIBE needing the coverage walk (allowed from 3 scopes up). */
    @Benchmark
    public boolean subscribe() { return authoriser.allows(principal, Action.SUBSCRIBE, subscribe); }

    /** Parsing and indexing the principal's scopes, as the authoriser does on its first check of a principal. */
    @Benchmark
    public ScopeSet compile() { return ScopeSet.compile(principal.name(), Scopes.parseAll(principal.scopes()), rates); }

    /** The constraint check of a write (a range from 2 scopes up; no constraint at 1). */
    @Benchmark
    public String constraint() {
        return authoriser.constraintBroken(principal, Action.SET, scopes > 1 ? "/dimmer/1" : hit, level);
    }
}
