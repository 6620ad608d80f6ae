/**
 * Write hooks: plugins that take part in every write and every snapshot, registered as OSGi services (the
 * whiteboard pattern) and picked up by the router while it runs.
 *
 * <ul>
 *   <li>{@link clasp.api.hook.WriteValidator}: vetoes a SET, a PUBLISH or one item of a BUNDLE, with a reason
 *       (ERROR 403).</li>
 *   <li>{@link clasp.api.hook.ValueTransform}: rewrites a SET's value before it is stored (also each SET of a
 *       BUNDLE).</li>
 *   <li>{@link clasp.api.hook.SnapshotFilter}: hides or rewrites a param in what a session is shown (the SNAPSHOT
 *       after WELCOME, a SUBSCRIBE's snapshot, a GET reply).</li>
 * </ul>
 *
 * <p><b>Order.</b> Hooks of one kind are called in {@code service.ranking} order, highest first (equal rankings:
 * the earlier registered first). Every request from every entry path (network sessions, local sessions, bridges)
 * goes through them; validators run after the authoriser and before transforms.
 *
 * <p><b>Threads and time.</b> A hook is called on the thread handling the request (a transport's I/O thread, a
 * bridge's thread), concurrently from many threads: it must be thread-safe, fast (microseconds) and must never
 * block or call back into the router. Each call is timed on the router's clock against the router's hook budget
 * ({@code hookBudgetMillis}, default 20 ms): the call's result still counts, but a hook whose calls run past the
 * budget three times in a row is disabled (logged, counted as {@code hook-disabled} in the router's status, listed
 * as disabled by {@link clasp.api.router.Router#hooks()}) until its service is registered again or its properties
 * change. A hook that never returns blocks its caller's thread: the budget cannot interrupt a call, it keeps a slow
 * hook from costing every later request. A hook that throws is skipped for that call (its exception logged, counted
 * as {@code hook-failed}); the request goes on as if the hook were not there.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package clasp.api.hook;
