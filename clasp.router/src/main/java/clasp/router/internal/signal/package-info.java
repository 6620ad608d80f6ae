/** Signals announced with ANNOUNCE and found with QUERY. */
package clasp.router.internal.signal;
