/** Time as CLASP states it (microseconds since the epoch). */
package clasp.router.internal.clock;
