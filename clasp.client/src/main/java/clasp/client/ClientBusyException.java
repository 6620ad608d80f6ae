package clasp.client;

/** A request was refused locally: {@code maxInFlight} requests await replies and {@code maxWaiting} more wait already. */
public final class ClientBusyException extends RuntimeException {
    public ClientBusyException(int inFlight, int waiting) {
        super(inFlight + " requests in flight and " + waiting + " waiting: refused");
    }
}
