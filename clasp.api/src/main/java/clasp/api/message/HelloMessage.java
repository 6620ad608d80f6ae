package clasp.api.message;

import clasp.api.Feature;
import java.util.Objects;
import java.util.Set;

/** HELLO (0x01): the first message a client sends. An empty token is no token. */
public record HelloMessage(int version, Set<Feature> features, String name, String token) implements Message {
    public HelloMessage {
        features = Set.copyOf(features);
        Objects.requireNonNull(name, "name");
        token = Strings.emptyToNull(token);
    }

    @Override public MessageType type() { return MessageType.HELLO; }
}
