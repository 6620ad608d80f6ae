package clasp.shell.internal;

import clasp.api.router.BridgeInfo;
import java.util.List;

/** What {@code clasp.bridge:list} returns: every bridge instance the router tracks. */
public record BridgeList(List<BridgeInfo> bridges, long nowMicros) {
    public BridgeList {
        bridges = List.copyOf(bridges);
    }
}
