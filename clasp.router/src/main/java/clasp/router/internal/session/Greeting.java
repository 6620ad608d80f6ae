package clasp.router.internal.session;

import clasp.api.Feature;
import clasp.api.message.WelcomeMessage;
import java.util.EnumSet;
import java.util.Set;

/** What the router answers a HELLO with (§3.2): WELCOME (the SNAPSHOT frames that follow are chunked as they are sent). */
public final class Greeting {
    public static final Set<Feature> FEATURES =
            EnumSet.of(Feature.PARAM, Feature.EVENT, Feature.STREAM, Feature.GESTURE, Feature.TIMELINE);

    private Greeting() { }

    static WelcomeMessage welcome(String sessionId, String routerName, long nowMicros) {
        return new WelcomeMessage(1, FEATURES, nowMicros, sessionId, routerName, null);
    }
}
