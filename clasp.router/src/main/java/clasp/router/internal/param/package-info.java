/** Params and locks: the in-memory store, lock stripes, and the SET and bundle write path with its lock bookkeeping and TTLs. */
package clasp.router.internal.param;
