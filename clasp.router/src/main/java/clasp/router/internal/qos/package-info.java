/**
 * Acknowledged QoS: which writes are answered at which frame QoS, and the retry window that applies a retried
 * write once.
 *
 * <p><b>Threads.</b> A {@link clasp.router.internal.qos.RetryWindow} belongs to one network session and is used only
 * by the thread that handles that connection's frames (one at a time), so it has no lock and takes none.
 */
package clasp.router.internal.qos;
