package clasp.api.store;

import clasp.api.Value;
import clasp.api.message.Ttl;

/**
 * One param as a store keeps it: immutable, replaced whole on every write.
 *
 * @param address    the param's address, as written
 * @param value      its value
 * @param revision   1 on creation, +1 per accepted write
 * @param writer     the session id of the last writer (unique across routers)
 * @param timestamp  when it was last written, µs since the epoch (router clock)
 * @param lockHolder the session id holding its lock, or null
 * @param ttl        its own time-to-live, or null
 */
public record ParamRecord(String address, Value value, long revision, String writer, long timestamp,
                          String lockHolder, Ttl ttl) {
}
