package clasp.router.internal;

import static org.assertj.core.api.Assertions.assertThat;

import clasp.api.Feature;
import clasp.api.Value;
import clasp.api.auth.Authenticator;
import clasp.api.auth.Credentials;
import clasp.api.auth.Principal;
import clasp.api.message.HelloMessage;
import clasp.api.message.ParamEntry;
import clasp.api.message.SetMessage;
import clasp.api.message.SnapshotMessage;
import clasp.router.internal.clock.ManualClock;
import clasp.router.internal.param.MemoryParamStore;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The initial SNAPSHOT after WELCOME holds only the params the session may GET (§14.6 hardening); it still follows WELCOME when empty. */
class InitialSnapshotScopeTest {
    private final RouterCore core = new RouterCore(RouterSettings.defaults(), new MemoryParamStore(),
            (p, action, address) -> p.name().equals("admin") || address == null || address.startsWith("/ok/"), new ManualClock());

    InitialSnapshotScopeTest() {
        core.useAuthenticator(new Authenticator() {
            @Override public Principal authenticate(Credentials c) { return new Principal(c.token(), Set.of()); }

            @Override public boolean holds(Principal p) { return true; }
        });
    }

    private TestClient hello(String token) {
        TestClient c = new TestClient(core);
        c.send(new HelloMessage(1, Set.of(Feature.PARAM), "t", token));
        return c;
    }

    @Test void aNarrowSessionsInitialSnapshotHoldsOnlyWhatItMayRead() {
        TestClient admin = hello("admin");
        admin.send(new SetMessage("/ok/a", Value.of(1L)));
        admin.send(new SetMessage("/secret/pin", Value.of(1234L)));
        List<String> seen = hello("alice").take().stream().filter(m -> m instanceof SnapshotMessage)
                .flatMap(m -> ((SnapshotMessage) m).params().stream()).map(ParamEntry::address).toList();
        assertThat(seen).containsExactly("/ok/a");
        List<String> all = hello("admin").take().stream().filter(m -> m instanceof SnapshotMessage)
                .flatMap(m -> ((SnapshotMessage) m).params().stream()).map(ParamEntry::address).sorted().toList();
        assertThat(all).containsExactly("/ok/a", "/secret/pin");
    }

    @Test void aSessionThatMayReadNothingStillGetsAnEmptySnapshot() {
        hello("admin").send(new SetMessage("/secret/pin", Value.of(1234L)));
        assertThat(hello("nobody").take()).last().isEqualTo(new SnapshotMessage(List.of()));
    }
}
