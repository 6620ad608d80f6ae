package clasp.router.internal;

import static org.assertj.core.api.Assertions.assertThat;

import clasp.api.Feature;
import clasp.api.SignalType;
import clasp.api.Value;
import clasp.api.message.AnnounceMessage;
import clasp.api.message.BundleMessage;
import clasp.api.message.Frame;
import clasp.api.message.GetMessage;
import clasp.api.message.HelloMessage;
import clasp.api.message.Message;
import clasp.api.message.PingMessage;
import clasp.api.message.PublishMessage;
import clasp.api.message.QueryMessage;
import clasp.api.message.ReplayMessage;
import clasp.api.message.SetMessage;
import clasp.api.message.SignalDefinition;
import clasp.api.message.SubscribeMessage;
import clasp.api.message.SyncMessage;
import clasp.api.message.Ttl;
import clasp.api.message.UnsubscribeMessage;
import clasp.api.QoS;
import clasp.protocol.FrameMutator;
import clasp.protocol.FuzzRun;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes the router's frame handler through {@link RouterFuzzTarget}: 20,000 inputs with a fixed seed in the default
 * suite; {@code -Dfuzz.inputs=N -Dfuzz.seed=S} for a campaign ({@code scripts/fuzz.sh}). Besides the frames every
 * {@link FrameMutator} starts from, its seeds are the messages a router acts on, on a few shared addresses, so that
 * mutations reach sets, locks, subscriptions, bundles and replays. No crash, no hang, no ByteBuf leak.
 */
class RouterFuzzTest {
    static final long SEED = Long.getLong("fuzz.seed", 0xC1A5_F022L);
    static final long INPUTS = Long.getLong("fuzz.inputs", 20_000);

    @Test
    void routerSurvivesEveryFrame() {
        FuzzRun.Result result;
        try (RouterFuzzTarget target = new RouterFuzzTarget(settings(), 10)) {
            result = new FuzzRun("router", target, 500).run(new FrameMutator(SEED, seeds()), SEED, INPUTS);
        }
        System.out.println(result.summary());
        assertThat(result.crashes()).as(result.summary()).isEmpty();
        assertThat(result.hangs()).as(result.summary()).isEmpty();
        assertThat(result.leaks()).as(result.summary()).isEmpty();
        assertThat(result.inputs()).isEqualTo(INPUTS);
        assertThat(result.outcomes().keySet()).as("outcome kinds").contains("ACK", "no reply")
                .anyMatch(k -> k.startsWith("ERROR "));
    }

    /**
     * The settings routers take in turn: the defaults; sessions that are never closed for malformed frames (state
     * builds up over a whole batch); and tight limits, so that inputs run into every refusal.
     */
    static List<RouterSettings> settings() {
        return List.of(RouterSettings.defaults(),
                TestSettings.defaults().malformedLimit(Integer.MAX_VALUE).build(),
                TestSettings.defaults().maxParams(50).maxSignals(5).maxSubscriptionsPerSession(3).retryWindow(4)
                        .maxScheduledBundlesPerSession(2).maxScheduledBundles(4).streamHistoryDepth(2)
                        .streamHistoryAddresses(2).build());
    }

    /** Valid frames of the messages the router acts on. */
    static List<byte[]> seeds() {
        List<Message> m = new ArrayList<>();
        for (String a : List.of("/fuzz/a", "/fuzz/b/1", "/fuzz/check")) {
            m.add(new SetMessage(a, Value.of(1L)));
            m.add(new SetMessage(a, Value.of(0.5), 1L, true, false, null));
            m.add(new SetMessage(a, Value.of("x"), null, false, true, new Ttl(5, false)));
            m.add(new SetMessage(a, Value.of(List.of(Value.of(1L), Value.of(2.0))), null, false, false, null));
            m.add(new GetMessage(a));
            m.add(PublishMessage.event(a, Value.of(true)));
        }
        m.add(new HelloMessage(1, Set.of(Feature.PARAM), "again", null));
        m.add(new SubscribeMessage(1, "/fuzz/**"));
        m.add(new SubscribeMessage(2, "**", Set.of(SignalType.PARAM, SignalType.EVENT), null));
        m.add(new UnsubscribeMessage(1));
        m.add(new GetMessage("/fuzz/*"));
        m.add(new QueryMessage("/fuzz/**"));
        m.add(new ReplayMessage("/fuzz/**", 0L, null, 10L, Set.of()));
        m.add(new SyncMessage(1, null, null));
        m.add(new PingMessage());
        m.add(new AnnounceMessage("/fuzz", List.of(new SignalDefinition("/fuzz/s", SignalType.STREAM))));
        m.add(new BundleMessage(null, List.of(new SetMessage("/fuzz/a", Value.of(2L)), new SetMessage("/fuzz/b/1", Value.of(3L)))));
        m.add(new BundleMessage(System.currentTimeMillis() * 1000 + 50_000, List.of(new SetMessage("/fuzz/a", Value.of(4L)))));
        List<byte[]> frames = new ArrayList<>();
        for (Message msg : m) {
            frames.add(TestClient.encode(Frame.of(msg)));
            frames.add(TestClient.encode(new Frame(msg, QoS.COMMIT, null, 7L)));   // retryable
        }
        return frames;
    }
}
