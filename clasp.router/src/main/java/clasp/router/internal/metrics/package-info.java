/** Router-wide counters for the metrics snapshot (frames and bytes by message type, deliveries, drops, coalescing, ERROR codes), updated without locks. */
package clasp.router.internal.metrics;
