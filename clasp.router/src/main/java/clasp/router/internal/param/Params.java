package clasp.router.internal.param;

import clasp.api.message.ParamEntry;
import clasp.api.router.ParamState;
import clasp.api.store.ParamRecord;

/** What the router derives from a stored {@link ParamRecord}: its SNAPSHOT entry, its admin view, its expiry. */
public final class Params {
    private Params() {}

    public static ParamEntry entry(ParamRecord p) { return new ParamEntry(p.address(), p.value(), p.revision(), p.writer(), p.timestamp()); }

    public static ParamState state(ParamRecord p) {
        return new ParamState(p.address(), p.value(), p.revision(), p.writer(), p.timestamp(), p.lockHolder());
    }

    /** Whether the param has its own TTL (ttl 0 or none: it never expires). */
    public static boolean expires(ParamRecord p) { return expires(p, 0); }

    /** µs left until the param's own TTL runs out at {@code nowMicros}: negative once expired; Long.MAX_VALUE: never. */
    public static long microsLeft(ParamRecord p, long nowMicros) { return microsLeft(p, nowMicros, 0); }

    /** The TTL that applies to the param: its own if it has one (0: never), else the global one (0: none). */
    public static long ttlSeconds(ParamRecord p, long globalSeconds) { return p.ttl() != null ? p.ttl().seconds() : globalSeconds; }

    /** Whether the param expires, under a global TTL of {@code globalSeconds} for params without their own. */
    public static boolean expires(ParamRecord p, long globalSeconds) { return ttlSeconds(p, globalSeconds) > 0; }

    /** µs left until the param's TTL (own, else global) runs out at {@code nowMicros}: negative once expired; Long.MAX_VALUE: never. */
    public static long microsLeft(ParamRecord p, long nowMicros, long globalSeconds) {
        long seconds = ttlSeconds(p, globalSeconds);
        return seconds > 0 ? p.timestamp() + seconds * 1_000_000L - nowMicros : Long.MAX_VALUE;
    }

    /** The same record with another lock holder (null: unlocked). */
    public static ParamRecord withLock(ParamRecord p, String holder) {
        return new ParamRecord(p.address(), p.value(), p.revision(), p.writer(), p.timestamp(), holder, p.ttl());
    }
}
