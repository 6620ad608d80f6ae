package clasp.api.router;

import clasp.api.Value;

/** A stored param: value, revision, last writer (session id), last write time (µs), lock holder or null. */
public record ParamState(String address, Value value, long revision, String writer, long timestamp, String lockHolder) {
}
