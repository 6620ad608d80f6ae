package clasp.shell.internal;

import clasp.api.router.BridgeInfo;
import clasp.api.router.PluginState;
import clasp.api.router.Router;
import clasp.api.router.RouterStats;
import clasp.api.router.StoreInfo;
import clasp.api.router.TransportInfo;
import java.util.List;

/**
 * What {@code clasp:status} returns: the router's counters at {@code nowMicros}, and how many transports and
 * bridges are registered and how many of them are not {@link PluginState#ONLINE}, and where params and the journal live.
 */
public record RouterStatus(RouterStats stats, long nowMicros, int transports, int transportsNotOnline, int bridges,
                           int bridgesNotOnline, StoreInfo store) {

    public static RouterStatus of(Router router, long nowMicros) {
        List<TransportInfo> transports = router.transports();
        List<BridgeInfo> bridges = router.bridges();
        return new RouterStatus(router.stats(), nowMicros,
                transports.size(), (int) transports.stream().filter(t -> t.state() != PluginState.ONLINE).count(),
                bridges.size(), (int) bridges.stream().filter(b -> b.state() != PluginState.ONLINE).count(), router.store());
    }

    public long uptimeMicros() { return nowMicros - stats.startedAtMicros(); }
}
