package clasp.client;

/** Where a client's connection stands; listeners see every change in order. */
public enum ConnectionState {
    /** Not connected yet: {@link ClaspClient#connect()} was not called. */
    NEW,
    /** The first connection is being made (transport, HELLO, WELCOME, subscriptions). */
    CONNECTING,
    /** WELCOME received, every subscription in place and the state resynchronised: requests are sent. */
    CONNECTED,
    /** The connection was lost; the client is reconnecting with backoff. Requests fail at once meanwhile. */
    RECONNECTING,
    /** Closed by {@link ClaspClient#close()}, by a failed first connect or after the last reconnect attempt. Final. */
    CLOSED
}
