package clasp.bridge.artnet.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where each universe goes: fixed targets, discovered nodes by the outputs of their replies, expiry. */
class NodesTest {
    private static final long SECOND = 1_000_000_000L;
    private static final InetSocketAddress FIXED = new InetSocketAddress("127.0.0.1", 6454);
    private static final InetSocketAddress NODE = new InetSocketAddress("127.0.0.5", 6454);

    private static ArtPollReply reply(int net, int sub, int bindIndex, int... outputNibbles) {
        List<ArtPollReply.Port> ports = new java.util.ArrayList<>();
        for (int nibble : outputNibbles) ports.add(new ArtPollReply.Port(ArtPollReply.TYPE_OUTPUT, 0, 0, 0, nibble));
        ports.add(new ArtPollReply.Port(ArtPollReply.TYPE_INPUT, 0, 0, 9, 0));   // an input port is no reason to send
        return new ArtPollReply(new byte[4], net, sub, "n", "", "", ports, ArtPollReply.STYLE_NODE, bindIndex);
    }

    @Test
    void aDiscoveredNodeGetsTheUniversesItsRepliesListAsOutputsUntilItFallsSilent() {
        Nodes nodes = new Nodes(10 * SECOND);
        nodes.fixed(List.of(FIXED));
        nodes.heard(NODE, reply(0, 0, 1, 1, 2), 0);
        nodes.heard(NODE, reply(1, 2, 2, 3), 0);   // its second reply (BindIndex 2): universe 0x123
        assertThat(nodes.targets(1)).containsExactly(FIXED, NODE);
        assertThat(nodes.targets(0x123)).containsExactly(FIXED, NODE);
        assertThat(nodes.targets(9)).containsExactly(FIXED);
        assertThat(nodes.all()).containsExactly(FIXED, NODE);
        assertThat(nodes.discoveredCount()).isEqualTo(1);

        nodes.heard(NODE, reply(0, 0, 1, 1, 2), 8 * SECOND);
        assertThat(nodes.expire(11 * SECOND)).isEqualTo(1);   // BindIndex 2 silent for 11 s
        assertThat(nodes.targets(0x123)).containsExactly(FIXED);
        assertThat(nodes.targets(2)).containsExactly(FIXED, NODE);
        assertThat(nodes.expire(19 * SECOND)).isEqualTo(1);
        assertThat(nodes.targets(2)).containsExactly(FIXED);
        assertThat(nodes.discoveredCount()).isZero();
    }

    @Test
    void aReplyWithoutOutputsMakesNoTargetAndForgetsWhatItListedBefore() {
        Nodes nodes = new Nodes(10 * SECOND);
        nodes.heard(NODE, reply(0, 0, 1, 4), 0);
        assertThat(nodes.targets(4)).containsExactly(NODE);
        nodes.heard(NODE, reply(0, 0, 1), SECOND);
        assertThat(nodes.targets(4)).isEmpty();
    }
}
