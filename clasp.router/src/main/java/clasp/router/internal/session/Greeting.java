package clasp.router.internal.session;

import clasp.api.Feature;
import clasp.api.message.ParamEntry;
import clasp.api.message.SnapshotMessage;
import clasp.api.message.WelcomeMessage;
import clasp.router.internal.delivery.Chunks;
import clasp.api.store.ParamStore;
import clasp.router.internal.param.Params;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** What the router answers a HELLO with (§3.2): WELCOME, then every param in SNAPSHOT frames that fit. */
public final class Greeting {
    public static final Set<Feature> FEATURES =
            EnumSet.of(Feature.PARAM, Feature.EVENT, Feature.STREAM, Feature.GESTURE, Feature.TIMELINE);

    private Greeting() { }

    static WelcomeMessage welcome(String sessionId, String routerName, long nowMicros) {
        return new WelcomeMessage(1, FEATURES, nowMicros, sessionId, routerName, null);
    }

    /** Every param, in frames that fit (sent after WELCOME even when empty). */
    static List<SnapshotMessage> snapshot(ParamStore params) {
        List<ParamEntry> all = new ArrayList<>();
        params.scan("", p -> all.add(Params.entry(p)));
        return Chunks.snapshots(all);
    }
}
