package clasp.api.message;

import clasp.api.Feature;
import java.util.Objects;
import java.util.Set;

/** WELCOME (0x02): the server's answer to HELLO, with its time in µs since the Unix epoch. */
public record WelcomeMessage(int version, Set<Feature> features, long time, String session, String name, String token)
        implements Message {
    public WelcomeMessage {
        features = Set.copyOf(features);
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(name, "name");
        token = Strings.emptyToNull(token);
    }

    @Override public MessageType type() { return MessageType.WELCOME; }
}
