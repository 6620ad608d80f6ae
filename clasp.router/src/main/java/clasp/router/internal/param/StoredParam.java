package clasp.router.internal.param;

import clasp.api.Value;
import clasp.api.message.ParamEntry;
import clasp.api.message.Ttl;
import clasp.api.router.ParamState;

/** One param as stored: immutable, replaced whole on every write. */
public record StoredParam(String address, Value value, long revision, String writer, long timestamp, String lockHolder,
                   Ttl ttl) {

    public ParamEntry entry() { return new ParamEntry(address, value, revision, writer, timestamp); }

    public ParamState state() { return new ParamState(address, value, revision, writer, timestamp, lockHolder); }

    /** The same param with no lock holder. */
    public StoredParam unlocked() { return new StoredParam(address, value, revision, writer, timestamp, null, ttl); }

    /** Whether the param's own TTL has run out at {@code nowMicros} (ttl 0 or none: never). */
    public boolean expired(long nowMicros) {
        return ttl != null && ttl.seconds() > 0 && nowMicros - timestamp > ttl.seconds() * 1_000_000L;
    }
}
