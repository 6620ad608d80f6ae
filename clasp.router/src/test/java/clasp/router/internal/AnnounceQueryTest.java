package clasp.router.internal;
import clasp.router.internal.signal.SignalRegistry;
import clasp.router.internal.clock.ManualClock;

import static org.assertj.core.api.Assertions.assertThat;

import clasp.api.SignalType;
import clasp.api.Value;
import clasp.api.message.*;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** router-semantics §12 ANNOUNCE / QUERY / RESULT, D15 (signal limit, RESULT chunking). */
class AnnounceQueryTest extends RouterTestSupport {
    private static SignalDefinition def(String address) { return new SignalDefinition(address, SignalType.PARAM); }

    @Test void announceIsAckedWithItsNamespaceAndForwardedToNobody() {
        TestClient sub = client();
        sub.send(new SubscribeMessage(1, "/**"));
        TestClient c = client();
        c.send(new AnnounceMessage("/synth", List.of(def("/synth/cutoff"))));
        assertThat(c.takeHex()).containsExactly("53 01 00 0A 50 01 00 06 2F 73 79 6E 74 68");   // ACK {address "/synth"}
        assertThat(sub.take()).isEmpty();
    }

    @Test void aLaterDefinitionOfAnAddressReplacesTheEarlierWhoeverAnnouncedIt() {
        TestClient a = client();
        TestClient b = client();
        a.send(new AnnounceMessage("/a", List.of(def("/s/x"))));
        b.send(new AnnounceMessage("/b", List.of(new SignalDefinition("/s/x", SignalType.STREAM, "f32", "r", null))));
        b.take();
        b.send(new QueryMessage("/s/*"));
        assertThat(b.take()).containsExactly(new ResultMessage(List.of(new SignalDefinition("/s/x", SignalType.STREAM, "f32", "r", null))));
    }

    @Test void queryMatchesByGlobIsAlwaysAnsweredAndIgnoresParams() {
        TestClient c = client();
        c.send(new SetMessage("/s/param", Value.of(1L)));
        c.send(new AnnounceMessage(null, List.of(def("/s/a"), def("/s/b"), def("/s/c/d"), def("no-slash"), def(""))));
        c.take();
        c.send(new QueryMessage("/s/{a,b}"));
        c.send(new QueryMessage("/s/**"));
        c.send(new QueryMessage("/none/**"));
        List<Message> m = c.take();
        assertThat(m).hasSize(3);
        assertThat(((ResultMessage) m.get(0)).signals()).extracting(SignalDefinition::address).containsExactlyInAnyOrder("/s/a", "/s/b");
        assertThat(((ResultMessage) m.get(1)).signals()).extracting(SignalDefinition::address)
                .containsExactlyInAnyOrder("/s/a", "/s/b", "/s/c/d");
        assertThat(TestClient.routerHex(m.get(2))).isEqualTo("53 01 00 03 61 00 00");
    }

    @Test void resultsCarryTypeDatatypeAndAccessButNoMeta() {
        TestClient c = client();
        c.send(new AnnounceMessage("/m", List.of(new SignalDefinition("/m/x", SignalType.EVENT, "i32", "rw",
                new SignalMeta("Hz", 0.0, 1.0, Value.of(0.5), "cutoff")))));
        c.send(new QueryMessage("/m/x"));
        assertThat(c.take()).containsExactly(new AckMessage("/m", null, null, null, null),
                new ResultMessage(List.of(new SignalDefinition("/m/x", SignalType.EVENT, "i32", "rw", null))));
    }

    @Test void theRouterServiceReadsAnnouncedDefinitionsWithTheirMetaByGlob() {
        TestClient c = client();
        SignalMeta meta = new SignalMeta("Hz", 20.0, 20000.0, Value.of(440.0), "cutoff");
        c.send(new AnnounceMessage("/m", List.of(new SignalDefinition("/m/x", SignalType.PARAM, "f32", "rw", meta),
                def("/m/y/z"), def("/other"))));
        c.take();
        assertThat(router.signals("/m/x")).containsExactly(new SignalDefinition("/m/x", SignalType.PARAM, "f32", "rw", meta));
        assertThat(router.signals("/m/**")).extracting(SignalDefinition::address).containsExactlyInAnyOrder("/m/x", "/m/y/z");
        assertThat(router.signals("/none/**")).isEmpty();
    }

    @Test void pastMaxSignalsAnAnnounceGets429AndRegistersNothing() {
        restart(TestSettings.defaults().maxSignals(3));
        TestClient c = client();
        c.send(new AnnounceMessage("/one", List.of(def("/1"), def("/2"))));
        c.send(new AnnounceMessage("/two", List.of(def("/2"), def("/3"), def("/4"))));
        c.send(new AnnounceMessage("/three", List.of(def("/1"), def("/2"), def("/3"))));
        c.send(new QueryMessage("/*"));
        List<Message> m = c.take();
        assertThat(m.subList(0, 3)).containsExactly(new AckMessage("/one", null, null, null, null),
                new ErrorMessage(429, "Signal limit reached (max 3)", "/two", null), new AckMessage("/three", null, null, null, null));
        assertThat(((ResultMessage) m.get(3)).signals()).extracting(SignalDefinition::address).containsExactlyInAnyOrder("/1", "/2", "/3");
    }

    @Test void resultsAreSplitBy800EntriesAndByBytes() {
        TestClient c = client();
        List<SignalDefinition> many = new ArrayList<>();
        for (int i = 0; i < 1000; i++) many.add(def("/n/" + i));
        c.send(new AnnounceMessage(null, many));
        String pad = "x".repeat(120);
        for (int k = 0; k < 2; k++) {
            List<SignalDefinition> wide = new ArrayList<>();
            for (int i = 0; i < 400; i++) wide.add(def("/w/" + pad + k + "_" + i));
            c.send(new AnnounceMessage(null, wide));
        }
        c.take();
        c.send(new QueryMessage("/n/*"));
        assertThat(c.take()).extracting(r -> ((ResultMessage) r).signals().size()).containsExactly(800, 200);
        c.send(new QueryMessage("/w/*"));
        assertThat(c.conn.sent).hasSize(2).allSatisfy(f -> assertThat(f.length).isLessThanOrEqualTo(4 + 65_535));
        assertThat(c.take()).flatExtracting(r -> ((ResultMessage) r).signals()).hasSize(800);
    }

    @Test void signalsExpireAnHourAfterTheirLastAnnouncement() {
        ManualClock clock = new ManualClock();
        List<String> kept = new java.util.ArrayList<>();
        SignalRegistry r = new SignalRegistry(10, clock, new SignalRegistry.Keeper() {
            @Override public void announced(clasp.api.store.AnnouncedSignal s) { kept.add("+" + s.definition().address()); }

            @Override public void forgotten(String address) { kept.add("-" + address); }
        });
        r.register(List.of(def("/old"), def("/renewed")));
        clock.advance(1, java.util.concurrent.TimeUnit.SECONDS);
        r.register(List.of(def("/renewed")));
        clock.advance(SignalRegistry.TTL_MICROS - 1_000_000, java.util.concurrent.TimeUnit.MICROSECONDS);
        assertThat(r.size()).isEqualTo(2);   // exactly the TTL since /old was announced: not yet past it
        clock.advance(1, java.util.concurrent.TimeUnit.MICROSECONDS);
        assertThat(r.query("/**")).extracting(SignalDefinition::address).containsExactly("/renewed");
        assertThat(kept).containsExactly("+/old", "+/renewed", "+/renewed", "-/old");   // what the store is told
        clock.advance(1, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(r.size()).isZero();
        assertThat(clock.pending()).isZero();
        assertThat(SignalRegistry.TTL_MICROS).isEqualTo(3_600_000_000L);
    }
}
