package clasp.bridge.artnet.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Node mode's ArtPollReplies: ports per universe, 4 per reply, one Net and Sub-Net per reply, BindIndex, GoodOutput. */
class NodeRepliesTest {
    private final NodeReplies node = new NodeReplies(new byte[] {127, 0, 0, 2}, "CLASP", "CLASP Art-Net bridge t", false);

    @Test
    void universesAreGroupedByNetAndSubNetFourPortsPerReply() {
        Map<Integer, Receiver.State> received = new TreeMap<>();
        for (int u : new int[] {1, 2, 3, 4, 5}) received.put(u, null);
        List<ArtPollReply> replies = node.replies(received, List.of(5, 0x123), 7);

        assertThat(replies).hasSize(3);
        assertThat(replies.get(0).outputUniverses()).containsExactly(1, 2, 3, 4);
        assertThat(replies.get(0).bindIndex()).isEqualTo(1);
        ArtPollReply second = replies.get(1);
        assertThat(second.bindIndex()).isEqualTo(2);
        assertThat(second.ports()).containsExactly(new ArtPollReply.Port(0xC0, 0x80, 0, 5, 5));   // both ways
        ArtPollReply third = replies.get(2);
        assertThat(third.netSwitch()).isEqualTo(1);
        assertThat(third.subSwitch()).isEqualTo(2);
        assertThat(third.ports()).containsExactly(new ArtPollReply.Port(ArtPollReply.TYPE_INPUT, 0x80, 0, 3, 0));
        assertThat(third.inputUniverse(third.ports().get(0))).isEqualTo(0x123);
        assertThat(third.nodeReport()).isEqualTo("#0001 [0007] CLASP bridge OK");
        assertThat(third.shortName()).isEqualTo("CLASP");
    }

    @Test
    void goodOutputTellsWhetherDataArrivesWhetherItMergesAndLtp() {
        NodeReplies ltp = new NodeReplies(new byte[4], "n", "l", true);
        Map<Integer, Receiver.State> received = new TreeMap<>(Map.of(1, new Receiver.State(true, true),
                2, new Receiver.State(true, false), 3, new Receiver.State(false, false)));
        List<ArtPollReply.Port> ports = ltp.replies(received, List.of(), 1).get(0).ports();
        assertThat(ports).extracting(ArtPollReply.Port::goodOutput).containsExactly(0x8A, 0x82, 0x02);
    }

    @Test
    void withoutUniversesTheReplyHasNoPorts() {
        List<ArtPollReply> replies = node.replies(Map.of(), List.of(), 1);
        assertThat(replies).hasSize(1);
        assertThat(replies.get(0).ports()).isEmpty();
    }
}
