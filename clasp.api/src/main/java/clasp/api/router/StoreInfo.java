package clasp.api.router;

/**
 * Where the router keeps params and accepted writes now.
 *
 * @param store      the param store in use, as it describes itself
 * @param persistent whether params outlive the router process; false for the built-in in-memory store
 * @param journal    the journal REPLAY reads, as it describes itself, or null when there is none (REPLAY gets 501)
 * @since 1.6
 */
public record StoreInfo(String store, boolean persistent, String journal) {
}
