/**
 * Write hooks ({@code clasp.api.hook}): the ranked lists of registered validators, transforms and snapshot
 * filters ({@link clasp.router.internal.hook.HookRegistry}, one {@link clasp.router.internal.hook.RankedHooks} per
 * kind), and the calls into them with their failure and time-budget rules ({@link clasp.router.internal.hook.HookCalls}).
 *
 * <p><b>Threads.</b> The lists are copy-on-write: DS binds and unbinds (and a disabling call) replace a volatile
 * array under the list's own monitor, a leaf in the router's lock order; every request reads the array once,
 * without a lock, so an empty list costs one volatile read and no allocation. Hooks are called on the request's
 * thread holding no router lock (a SUBSCRIBE's paced snapshot may hold its session's outbound monitor, which
 * calls nothing else). A hook's run of calls over budget is an atomic counter, written only by a call over budget
 * and by the first call within it after such a run, so timing costs no shared write per call.
 *
 * <p><b>Budget decision.</b> A call cannot be interrupted, so the budget is checked when it returns: the result of
 * a slow call still counts (discarding a validator's veto would let through what it meant to stop), and a hook
 * whose calls ran past the budget three times in a row is taken out of its list (disabled) until its service is
 * registered again or its properties change; three, not one, so one GC pause or descheduling does not disable a
 * sound hook. A hook that throws is skipped for that call only: a validator's veto is then not given, a transform
 * leaves the value as it was, a filter shows the entry as it was.
 */
package clasp.router.internal.hook;
