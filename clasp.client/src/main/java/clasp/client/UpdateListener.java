package clasp.client;

/** Receives a subscription's updates, one at a time, in the order they arrived, on the client's callback executor. */
@FunctionalInterface
public interface UpdateListener {
    void onUpdate(Update update);
}
