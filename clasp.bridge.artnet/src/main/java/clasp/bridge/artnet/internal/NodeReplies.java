package clasp.bridge.artnet.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the bridge says about itself in node mode: ArtPollReplies whose output ports are the universes it takes from
 * Art-Net and whose input ports are the universes it puts onto Art-Net (a universe in both is one port of both
 * kinds). One reply carries up to 4 ports of one Net and Sub-Net, so the universes are grouped by those and the
 * replies numbered by BindIndex from 1. Immutable.
 */
record NodeReplies(byte[] ip, String shortName, String longName, boolean ltp) {

    /**
     * The replies for these universes.
     *
     * @param received the universes taken from Art-Net, with what the receiver knows of each (null: nothing yet)
     * @param sent     the universes put onto Art-Net
     * @param count    how many times the bridge has answered, for the NodeReport
     */
    List<ArtPollReply> replies(Map<Integer, Receiver.State> received, Collection<Integer> sent, long count) {
        TreeSet<Integer> all = new TreeSet<>(received.keySet());
        all.addAll(sent);
        Map<Integer, List<Integer>> groups = new TreeMap<>();   // Net and Sub-Net -> universes
        for (int universe : all) groups.computeIfAbsent(universe >> 4, k -> new ArrayList<>()).add(universe);
        String report = String.format("#0001 [%04d] %s", count % 10_000, "CLASP bridge OK");
        List<ArtPollReply> replies = new ArrayList<>();
        for (List<Integer> group : groups.values()) {
            for (int from = 0; from < group.size(); from += ArtPollReply.MAX_PORTS) {
                List<ArtPollReply.Port> ports = new ArrayList<>();
                for (int universe : group.subList(from, Math.min(group.size(), from + ArtPollReply.MAX_PORTS))) {
                    ports.add(port(universe, received.containsKey(universe), received.get(universe), sent.contains(universe)));
                }
                int first = group.get(0);
                replies.add(new ArtPollReply(ip, ArtNet.net(first), ArtNet.subNet(first), shortName, longName, report,
                        ports, ArtPollReply.STYLE_NODE, replies.size() + 1));
            }
        }
        if (replies.isEmpty()) {
            replies.add(new ArtPollReply(ip, 0, 0, shortName, longName, report, List.of(), ArtPollReply.STYLE_NODE, 1));
        }
        return replies;
    }

    private ArtPollReply.Port port(int universe, boolean takes, Receiver.State state, boolean puts) {
        int type = (takes ? ArtPollReply.TYPE_OUTPUT : 0) | (puts ? ArtPollReply.TYPE_INPUT : 0);
        int goodOutput = 0;
        if (takes && state != null) {
            if (state.receiving()) goodOutput |= ArtPollReply.GOOD_DATA;
            if (state.merging()) goodOutput |= ArtPollReply.GOOD_MERGING;
        }
        if (takes && ltp) goodOutput |= ArtPollReply.GOOD_LTP;
        int goodInput = puts ? ArtPollReply.GOOD_DATA : 0;
        int nibble = universe & 0x0F;
        return new ArtPollReply.Port(type, goodInput, goodOutput, puts ? nibble : 0, takes ? nibble : 0);
    }
}
