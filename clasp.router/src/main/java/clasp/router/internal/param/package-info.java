/** Params and locks: the store, lock stripes, and the SET and bundle write path with its lock bookkeeping. */
package clasp.router.internal.param;
