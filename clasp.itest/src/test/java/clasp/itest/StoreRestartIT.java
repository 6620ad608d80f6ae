package clasp.itest;

import static org.assertj.core.api.Assertions.assertThat;

import clasp.api.FloatValue;
import clasp.api.IntValue;
import clasp.api.StringValue;
import clasp.api.Value;
import clasp.api.message.Frame;
import clasp.api.message.ParamEntry;
import clasp.api.message.QueryMessage;
import clasp.api.message.ResultMessage;
import clasp.api.message.SetMessage;
import clasp.api.message.SignalDefinition;
import clasp.api.message.Ttl;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Show state outlives a restart of the exported runtime (SIGTERM, then {@code java -jar clasp.jar} again on the same
 * folder): the published JS client writes params, takes a lock and announces a signal; the restarted router has every
 * value with its revision and writer, continues at the next revision, has released the lock, still lists the signal,
 * and still lets a param's own TTL run out.
 */
class StoreRestartIT {
    private static final String PREFIX = "/restart";
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Long enough to outlast a restart on a busy machine, short enough to see it run out afterwards. */
    private static final long TTL_SECONDS = 20;

    @TempDir
    Path workDir;

    @Test
    void valuesRevisionsWritersAndSignalsOutliveARestartAndLocksDoNot() throws Exception {
        StoreRuntime store = new StoreRuntime(workDir, null);
        URI uri = URI.create("ws://127.0.0.1:" + store.port + "/");
        List<String> before;
        List<SignalDefinition> announced;
        long ttlWrittenNanos;
        try (RuntimeProcess first = store.start(); NodeScript js = new NodeScript(store.port, "store-state.mjs", "write", PREFIX)) {
            assertThat(StoreRuntime.opened(first.output())).singleElement().asString().contains("clasp.mv.db: 0 params");
            assertThat(js.fact("refused", WAIT)).as("a SET of the locked param by another session").startsWith("ERROR ");
            assertThat(js.fact("locked", WAIT)).isEqualTo("ACK 1");
            assertThat(js.fact("announced", WAIT)).as("the reply to ANNOUNCE").startsWith("ACK");
            before = js.facts("param");
            assertThat(before).hasSize(3);
            announced = query(store.port);
            assertThat(announced).extracting(SignalDefinition::address, SignalDefinition::datatype)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(PREFIX + "/fader", "f32"));

            try (ClaspClient java = ClaspClient.connect(uri, "ttl writer")) {
                java.send(Frame.of(new SetMessage(PREFIX + "/ttl", Value.of(7L), null, false, false, new Ttl(TTL_SECONDS, true))));
                ttlWrittenNanos = System.nanoTime();
                assertThat(java.get(PREFIX + "/ttl")).map(ParamEntry::value).contains(Value.of(7L));
            }
            first.close();   // SIGTERM: the lock holder's connection ends with the router
            js.awaitSuccess(WAIT);
        }

        try (RuntimeProcess second = store.start(); ClaspClient reader = ClaspClient.connect(uri, "reader after restart")) {
            assertThat(StoreRuntime.opened(second.output())).singleElement().asString()
                    .containsPattern("clasp\\.mv\\.db: 4 params, 1 signals?,");
            assertThat(StoreRuntime.troubles(second.output())).isEmpty();

            // every param the JS client wrote: same value, revision and writer
            for (String fact : before) {
                String[] words = fact.split(" ", 4);   // address revision writer value-as-JSON
                ParamEntry p = reader.get(words[0]).orElseThrow(() -> new AssertionError(words[0] + " is gone after the restart"));
                assertThat(p.revision()).as(words[0] + " revision").isEqualTo(Long.parseLong(words[1]));
                assertThat(p.writer()).as(words[0] + " writer").isEqualTo(words[2]);
                assertThat(json(p.value())).as(words[0] + " value").isEqualTo(words[3]);
            }
            ParamEntry fader = reader.get(PREFIX + "/fader").orElseThrow();
            assertThat(fader.value()).isEqualTo(Value.of(0.5));
            assertThat(fader.revision()).isEqualTo(2);

            // the TTL'd param is back, and its TTL still runs
            Optional<ParamEntry> ttl = reader.get(PREFIX + "/ttl");
            if (System.nanoTime() - ttlWrittenNanos < Duration.ofSeconds(TTL_SECONDS - 3).toNanos()) {
                assertThat(ttl).as("the TTL'd param before its TTL ran out").map(ParamEntry::value).contains(Value.of(7L));
            }
            Eventually.until("the TTL'd param expired after the restart", Duration.ofSeconds(TTL_SECONDS + 30),
                    () -> reader.get(PREFIX + "/ttl"), Optional::isEmpty);

            // a client back after the restart continues from the revision it last saw
            try (NodeScript js = new NodeScript(store.port, "store-state.mjs", "resume", PREFIX, Long.toString(fader.revision()))) {
                assertThat(js.fact("next", WAIT)).isEqualTo("ACK " + (fader.revision() + 1));
                assertThat(js.fact("stale", WAIT)).as("a SET expecting the revision before").startsWith("ERROR ");
                js.awaitSuccess(WAIT);
            }
            assertThat(reader.get(PREFIX + "/fader")).map(ParamEntry::revision).contains(fader.revision() + 1);

            // the lock went with the restart: anyone may write
            try (ClaspClient other = ClaspClient.connect(uri, "writer after restart")) {
                other.send(new SetMessage(PREFIX + "/locked", Value.of(2L)));
                other.sync();
                assertThat(other.errors()).isEmpty();
                assertThat(other.ackedRevisions(PREFIX + "/locked")).containsExactly(2L);
            }

            // the announced signal is listed again, as it was
            List<SignalDefinition> after = query(store.port);
            assertThat(after).extracting(SignalDefinition::address).containsExactly(PREFIX + "/fader");
            assertThat(after).isEqualTo(announced);
            assertThat(StoreRuntime.troubles(second.output())).isEmpty();
        }
    }

    /** The signals QUERY lists under the prefix. */
    private static List<SignalDefinition> query(int port) throws Exception {
        try (ClaspWebSocketClient query = ClaspWebSocketClient.connect(port, "query")) {
            int from = query.count();
            query.send(new QueryMessage(PREFIX + "/**"));
            return ((ResultMessage) query.await(from, m -> m instanceof ResultMessage, WAIT)).signals();
        }
    }

    /** A value as JSON.stringify writes it, for the kinds the JS client wrote. */
    private static String json(Value v) {
        if (v instanceof IntValue i) return Long.toString(i.value());
        if (v instanceof FloatValue f) {
            return f.value() == Math.rint(f.value()) ? Long.toString((long) f.value()) : Double.toString(f.value());
        }
        if (v instanceof StringValue s) return '"' + s.value() + '"';
        throw new AssertionError("unexpected value " + v);
    }
}
