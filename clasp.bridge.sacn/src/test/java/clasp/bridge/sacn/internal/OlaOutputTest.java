package clasp.bridge.sacn.internal;

import static clasp.bridge.sacn.internal.Harness.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import clasp.api.MapValue;
import clasp.api.StringValue;
import clasp.api.Value;
import clasp.test.peers.Olad;
import clasp.test.peers.router.Observer;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a real E1.31 source sends reaches CLASP: OLA's olad with one E1.31 output and no E1.31 input (patching an
 * input would stop its multicast from looping back to receivers on this host), driven over its HTTP API. olad sends
 * out of the first non-loopback interface; the bridge joins there (its default multicast interface).
 */
class OlaOutputTest {
    private static Olad olad;
    private final Harness harness = new Harness();

    @BeforeAll
    static void startOlad() {
        olad = Olad.builder().e131(true).e131Ports(0, 1).port("11-1-O-0 = 14").start();
        olad.awaitUniverse(14);
    }

    @AfterAll
    static void stopOlad() {
        if (olad != null) olad.close();
    }

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void whatOlaSendsArrivesAsSetsOfTheChangedSlotsWithOlasNamePriorityAndActive() {
        Observer clasp = harness.observe("/sacn/**");
        harness.bridge("from-ola", Map.of("inputUniverses", "14"));
        olad.setDmx(14, 10, 20, 30);
        await().atMost(WAIT).until(() -> clasp.values("/sacn/14/3").contains(Value.of(30L)));
        assertThat(clasp.setLines()).startsWith("/sacn/14/1=INT:10", "/sacn/14/2=INT:20", "/sacn/14/3=INT:30");
        Map<String, Value> source = ((MapValue) harness.param("/sacn/14/_source").value()).entries();
        assertThat(source.get("name")).isEqualTo(Value.of("OLA Server"));
        assertThat(source.get("priority")).isEqualTo(Value.of(100L));
        assertThat(UUID.fromString(((StringValue) source.get("cid")).value())).isNotEqualTo(E131.cidOf("from-ola"));
        assertThat(harness.param("/sacn/14/_active").value()).isEqualTo(Value.of(true));

        olad.setDmx(14, 10, 25, 30);
        await().atMost(WAIT).until(() -> clasp.values("/sacn/14/2").contains(Value.of(25L)));
        assertThat(clasp.values("/sacn/14/1")).containsExactly(Value.of(10L));   // OLA's keep-alives change nothing
        assertThat(clasp.values("/sacn/14/3")).containsExactly(Value.of(30L));
        assertThat(clasp.values("/sacn/14/_source")).hasSize(1);
        await().atMost(WAIT).untilAsserted(() -> assertThat(harness.state("from-ola").detail())
                .startsWith("receiving universes 14 on udp 0.0.0.0:5568 and ").contains(", 1 source"));
    }
}
