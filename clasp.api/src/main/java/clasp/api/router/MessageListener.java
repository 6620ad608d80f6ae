package clasp.api.router;

import clasp.api.message.Message;
import org.osgi.annotation.versioning.ConsumerType;

/** Receives the SET and PUBLISH messages of a local subscription. */
@ConsumerType
@FunctionalInterface
public interface MessageListener {
    void onMessage(Message message);
}
