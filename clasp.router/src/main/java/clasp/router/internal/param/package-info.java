/**
 * Params and locks: the in-memory store, lock stripes, and the SET and bundle write path with its lock bookkeeping,
 * conflict strategies ({@code Strategies}, decided under the address's stripe with the store's compare-and-set), lock
 * leases ({@code LockLeases}, checked on the router clock holding nothing, releasing under each address's stripe) and
 * TTLs.
 */
package clasp.router.internal.param;
