package clasp.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import clasp.api.Feature;
import clasp.client.DiscoveredRouter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What discover() does with its sightings, without a network. */
class DiscoveriesTest {
    @Test void sightingsAreMergedByRouterIdInTheOrderFirstSeen() {
        List<DiscoveredRouter> merged = Discoveries.merge(List.of(
                new Found("r1", "Stage", Set.of(Feature.PARAM), List.of(URI.create("ws://10.0.0.1:7330/")), "broadcast"),
                new Found("r2", "Booth", Set.of(), List.of(URI.create("ws://10.0.0.2:7330/")), "broadcast"),
                new Found("r1", "Stage (mdns)", Set.of(Feature.EVENT),
                        List.of(URI.create("ws://10.0.0.1:7330/"), URI.create("udp://10.0.0.1:7332/")), "mdns")));

        assertThat(merged).extracting(DiscoveredRouter::id).containsExactly("r1", "r2");
        DiscoveredRouter r1 = merged.get(0);
        assertThat(r1.name()).isEqualTo("Stage");
        assertThat(r1.features()).containsExactlyInAnyOrder(Feature.PARAM, Feature.EVENT);
        assertThat(r1.endpoints()).containsExactly(URI.create("ws://10.0.0.1:7330/"), URI.create("udp://10.0.0.1:7332/"));
        assertThat(r1.via()).containsExactlyInAnyOrder("broadcast", "mdns");
    }

    @Test void featureLettersAreReadAndUnknownOnesIgnored() {
        assertThat(Found.features("psetgxz")).containsExactlyInAnyOrder(Feature.PARAM, Feature.STREAM, Feature.EVENT,
                Feature.TIMELINE, Feature.GESTURE);
        assertThat(Found.features(null)).isEmpty();
        assertThat(Found.endpoint("ws", "fe80::1", 7330, "")).isEqualTo(URI.create("ws://[fe80::1]:7330/"));
    }

    @Test void theHelloGoesToTheLimitedBroadcastFirstThenDirectedBroadcastsThenExtraTargets() throws Exception {
        InetSocketAddress extra = new InetSocketAddress("127.0.0.1", 7331);
        List<InetSocketAddress> targets = BroadcastDiscovery.targets(7331, List.of(extra));
        assertThat(targets.get(0)).isEqualTo(new InetSocketAddress("255.255.255.255", 7331));
        assertThat(targets.get(targets.size() - 1)).isEqualTo(extra);
        assertThat(targets).allMatch(t -> t.getPort() == 7331).doesNotHaveDuplicates();
    }
}
