/** Time: CLASP's clock (microseconds since the epoch) and the router's one timer, behind which every deadline waits. */
package clasp.router.internal.clock;
