package clasp.bench.security;

import clasp.api.Feature;
import clasp.api.Value;
import clasp.api.auth.Authoriser;
import clasp.api.message.SetMessage;
import clasp.api.message.SubscribeMessage;
import clasp.bench.router.SinkSessions;
import clasp.router.internal.OpenAuthoriser;
import clasp.router.internal.RouterCore;
import clasp.router.internal.RouterSettings;
import clasp.router.internal.clock.TimerClock;
import clasp.router.internal.param.MemoryParamStore;
import clasp.router.internal.session.NetworkSession;
import clasp.security.internal.SecurityComponent;
import clasp.security.internal.TokenAuthenticator;
import clasp.security.internal.scope.ScopeAuthoriser;
import clasp.security.internal.token.CapabilityCodec;
import clasp.security.internal.token.CapabilityMint;
import clasp.security.internal.token.CapabilityValidator;
import clasp.security.internal.token.Ed25519Keys;
import clasp.security.internal.token.PresharedTokens;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What authenticated mode costs in the router's core, beside open mode on the same core: a SET (authorised, its
 * constraints checked, stored) fanned out to 10 subscribers, and a HELLO (authenticated, WELCOME and an empty
 * SNAPSHOT sent). In authenticated mode the writer's token has {@code scopes} scopes (one matching, with a range
 * constraint, the rest elsewhere), so a growing token shows whether the check scans them. A HELLO carries a
 * pre-shared token ({@code cpsk}: a SHA-256 and a map lookup) or a root capability token ({@code cap}: decode and one
 * Ed25519 verification); a capability token holds at most {@link CapabilityCodec#MAX_SCOPES} scopes, so at 500 it
 * carries the first 256. Setup checks that both HELLOs are welcomed with the token's scopes (in authenticated mode).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class AuthenticatedModeBenchmark {
    private static final int SUBSCRIBERS = 10;

    @Param({"open", "authenticated"})
    public String mode;

    @Param({"1", "500"})
    public int scopes;

    private TimerClock clock;
    private RouterCore core;
    private SinkSessions sinks;
    private NetworkSession writer;
    private SetMessage set;
    private AtomicLong delivered;
    private String cpsk;
    private String cap;
    private Path folder;
    private long value;

    @Setup(Level.Trial)
    public void setup() throws Exception {
        clock = new TimerClock();
        boolean authenticated = mode.equals("authenticated");
        Authoriser authoriser = authenticated ? new ScopeAuthoriser() : new OpenAuthoriser();
        core = new RouterCore(RouterSettings.defaults(), new MemoryParamStore(), authoriser, clock);
        folder = Files.createTempDirectory("clasp-bench-security");
        PresharedTokens preshared = new PresharedTokens(folder, Clock.systemUTC());
        KeyPair anchor = Ed25519Keys.generate();
        List<String> granted = new ArrayList<>();
        granted.add("write:/show/stage/*|range=0..1000000000");
        granted.add("read:/show/**");
        for (int i = 2; i < scopes; i++) granted.add("write:/show/panel" + i + "/**");
        cpsk = preshared.create("bench", granted, null).token();
        cap = CapabilityCodec.encode(new CapabilityMint(SecurityComponent.attenuation()).root(anchor,
                granted.subList(0, Math.min(granted.size(), CapabilityCodec.MAX_SCOPES)),
                Clock.systemUTC().instant().getEpochSecond() + 86_400, null));
        if (authenticated) {
            core.useAuthenticator(new TokenAuthenticator(preshared, new CapabilityValidator(
                    List.of(Ed25519Keys.rawPublicKey(anchor.getPublic())), 5, SecurityComponent.attenuation(), Clock.systemUTC()),
                    Map.of(), Clock.systemUTC()));
        }
        sinks = new SinkSessions(core);
        delivered = sinks.delivered;
        writer = sinks.open(Feature.PARAM, cpsk);
        for (int i = 0; i < SUBSCRIBERS; i++) {
            NetworkSession s = sinks.open(Feature.PARAM, cpsk);
            s.frameReceived(SinkSessions.frame(new SubscribeMessage(1, "/show/stage/*")));
        }
        set = new SetMessage("/show/stage/fader", Value.of(1L));
        delivered.set(0);
        core.set(writer, set);
        if (delivered.get() != SUBSCRIBERS) throw new IllegalStateException("one SET reached " + delivered.get() + " sessions");
        if (authenticated) {
            welcomed(sinks.open(Feature.PARAM, cpsk), granted.size());
            welcomed(sinks.open(Feature.PARAM, cap), Math.min(granted.size(), CapabilityCodec.MAX_SCOPES));
        }
    }

    /** A HELLO that was refused would close the session without a principal: the benchmark would measure a refusal. */
    private void welcomed(NetworkSession s, int scopeCount) {
        if (!s.isOpen() || s.principal() == null || s.principal().scopes().size() != scopeCount) {
            throw new IllegalStateException("HELLO not welcomed with " + scopeCount + " scopes: open " + s.isOpen()
                    + ", principal " + (s.principal() == null ? null : s.principal().name()));
        }
        core.remove(s);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        clock.stop();
        try (var files = Files.walk(folder)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** One SET, authorised and constrained in authenticated mode, to 10 subscribers. */
    @Benchmark
    public long setTo10Subscribers() throws Exception {
        core.set(writer, new SetMessage(set.address(), Value.of(++value)));
        return delivered.get();
    }

    /** One HELLO with a pre-shared token through WELCOME (the session stays registered: a fresh one each time). */
    @Benchmark
    public NetworkSession helloWithPresharedToken() throws Exception {
        NetworkSession s = sinks.open(Feature.PARAM, cpsk);
        core.remove(s);
        return s;
    }

    /** One HELLO with a root capability token through WELCOME. */
    @Benchmark
    public NetworkSession helloWithCapabilityToken() throws Exception {
        NetworkSession s = sinks.open(Feature.PARAM, cap);
        core.remove(s);
        return s;
    }
}
