package clasp.router.internal;

import static org.assertj.core.api.Assertions.assertThat;

import clasp.api.Value;
import clasp.api.message.*;
import clasp.api.router.ClaspException;
import clasp.api.router.LocalSession;
import clasp.api.router.ParamState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** router-semantics §6.8–6.9 GET and SNAPSHOT entries, §13.2 and D9 snapshot chunking by count and bytes. */
class GetAndSnapshotTest extends RouterTestSupport {
    @Test void getIsAnsweredWithOneEntryByteExact() {
        TestClient c = client();
        c.hex(HandshakeTest.SET_A_1);
        c.take();
        c.hex("53 01 00 05 22 00 02 2F 61");   // A.2: GET "/a"
        ParamState p = router.param("/a").orElseThrow();
        List<String> frames = c.takeHex();
        assertThat(frames).containsExactly(TestClient.routerHex(new SnapshotMessage(List.of(
                new ParamEntry("/a", Value.of(1L), 1, c.session, p.timestamp())))));
        // QoS fire, one entry: "/a", Int 1, revision 1, writer and timestamp present (opt 0x03)
        assertThat(frames.get(0)).startsWith("53 01 00 47 23 00 01 00 02 2F 61 05 00 00 00 00 00 00 00 01 00 00 00 00 00 00 00 01 03 00 24 ");
    }

    @Test void getOfAnUnknownAddressOrAPatternGetsNoReply() {
        TestClient c = client();
        c.send(new SetMessage("/g/1", Value.of(1L)));
        c.take();
        c.send(new GetMessage("/missing"));
        c.send(new GetMessage("/g/*"));
        c.send(new GetMessage("/g/**"));
        assertThat(c.take()).isEmpty();
    }

    @Test void everyValueTypeComesBackFromGetAsWritten() {
        Map<String, Value> inner = new LinkedHashMap<>();
        inner.put("b", Value.of(2L));
        inner.put("a", Value.of(List.of(Value.ofNull(), Value.of("x"))));
        List<Value> values = List.of(Value.ofNull(), Value.of(true), Value.of(false), Value.of(-42L), Value.of(Long.MAX_VALUE),
                Value.of(0.5), Value.of(Double.NaN), Value.of("é ✓ 𝄞"), Value.of(""), Value.of(new byte[] {0, (byte) 0xFF}),
                Value.of(List.of(Value.of(1L), Value.of(1.0))), Value.of(inner));
        TestClient c = client();
        for (int i = 0; i < values.size(); i++) {
            c.send(new SetMessage("/v/" + i, values.get(i)));
            c.send(new GetMessage("/v/" + i));
            List<Message> m = c.take();
            assertThat(m).hasSize(2);
            assertThat(((SnapshotMessage) m.get(1)).params()).singleElement()
                    .extracting(ParamEntry::value).isEqualTo(values.get(i));
        }
        for (int i = 0; i < values.size(); i++) assertThat(router.param("/v/" + i).orElseThrow().value()).isEqualTo(values.get(i));
    }

    @Test void aSubscribeSnapshotIsSplitInFramesOf800Params() throws ClaspException {
        try (LocalSession s = router.openSession("fill", false)) {
            for (int i = 0; i < 801; i++) s.set("/s/" + i, Value.of((long) i));
            s.set("/other", Value.of(0L));
        }
        TestClient c = client();
        c.send(new SubscribeMessage(1, "/s/*"));
        assertThat(c.take()).extracting(x -> ((SnapshotMessage) x).params().size()).containsExactly(800, 1);
    }

    @Test void snapshotsAreSplitByBytesSoEveryParamArrives() throws ClaspException {
        try (LocalSession s = router.openSession("fill", false)) {
            for (int i = 0; i < 3; i++) s.set("/b/" + i, Value.of(new byte[30_000]));
            for (int i = 0; i < 3; i++) s.set("/max/" + i, Value.of(new byte[65_471 - 3 - 2]));   // largest value at a 6-byte address
        }
        TestClient c = connect();
        c.send(new HelloMessage(1, Set.of(), "c", null));
        assertThat(c.conn.sent).allSatisfy(f -> assertThat(f.length).isLessThanOrEqualTo(4 + 65_535));
        List<Message> m = c.take();
        assertThat(m.subList(1, m.size())).flatExtracting(x -> ((SnapshotMessage) x).params()).hasSize(6);
        c.send(new SubscribeMessage(1, "/b/*"));
        assertThat(c.conn.sent).allSatisfy(f -> assertThat(f.length).isLessThanOrEqualTo(4 + 65_535));
        assertThat(c.take()).extracting(x -> ((SnapshotMessage) x).params().size()).containsExactly(2, 1);
        c.send(new SubscribeMessage(2, "/max/*"));
        assertThat(c.take()).extracting(x -> ((SnapshotMessage) x).params().size()).containsExactly(1, 1, 1);
    }
}
