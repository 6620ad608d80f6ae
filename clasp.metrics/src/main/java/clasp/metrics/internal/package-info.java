/** The /metrics, /health and /ready HTTP endpoints and the Prometheus text they write; nothing exported. */
package clasp.metrics.internal;
