/** Address matching: the segment matcher that routes deliveries (M1) and the glob that selects snapshots and queries (M2). */
package clasp.router.internal.match;
