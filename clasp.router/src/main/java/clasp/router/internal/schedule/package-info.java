/**
 * Scheduled bundles: a BUNDLE whose timestamp lies ahead waits on the router clock and then runs like a bundle
 * received at that moment.
 *
 * <p><b>Threads and locks.</b> {@link clasp.router.internal.schedule.BundleScheduler#schedule} runs on the sender's
 * connection thread; a due bundle runs on the router clock's thread, holding nothing when it starts, and then takes
 * the address stripes its SETs need, as every write does (so it sits at the start of the router's lock order). The
 * per-session counts are a concurrent map updated atomically per session; there is no lock of this package's own.
 */
package clasp.router.internal.schedule;
