/**
 * Timelines played by the router. A PUBLISH with signal {@code timeline} whose value is a map
 * {@code {keyframes: [{time, value, easing?}], loop?, start?, rate?}} is checked ({@link
 * clasp.router.internal.timeline.TimelineParser}: ERROR 400 naming the offending field), replaces whatever plays at
 * its address, and is forwarded unchanged; a timeline PUBLISH with no value or a null value cancels playback there
 * and is forwarded too. The {@link clasp.router.internal.timeline.TimelinePlayer} then SETs the address on the
 * router clock at {@code rate} Hz to the {@link clasp.router.internal.timeline.Curve}'s value, the last SET carrying
 * the last keyframe's value exactly; a looping one starts over until replaced or cancelled.
 *
 * <p><b>Who writes.</b> The SETs go through the router's SET path (authorisation, then {@code param.ParamWriter}, so
 * locks, revisions, capacity and any write strategy apply) as a router-internal {@code PlayerSession} carrying the
 * id and principal the timeline's sender had on receipt: the writer id of each SET is the sender's session id, and
 * the authoriser is asked with the sender's principal at receipt (a definition from a sender that may not SET the
 * address gets ERROR 403 and plays nothing) and again for every SET. A refused SET (a lock held by another session,
 * the authoriser's mind changed, the param limit) ends that playback; the router logs it.
 *
 * <p><b>The sender's disconnect</b> does not stop its timelines: a cue keeps playing until it ends, is replaced or
 * cancelled (by any session allowed to SET the address), or the router stops. The sender's locks are released at
 * its disconnect as always, so its playback then writes like an unlocking writer would. Its credentials withdrawn
 * (authenticated mode: a revoked or expired token), the next frame's SET is refused and the playback ends.
 *
 * <p><b>Threads and locks.</b> Receipt runs on the sender's thread, frames on the clock's thread, each holding the
 * address's stripe ({@code param.Stripes}) around the whole change or frame; the SET path takes that stripe again
 * (re-entrant) and then a session's outbound monitor, so the documented lock order holds; the authoriser is asked
 * for a frame's SET under that stripe (it must be fast and never block anyway). No thread of its own, no
 * polling: one armed timeout per playing timeline, cancelled when it is replaced, cancelled or the router stops.
 * Nothing playing costs nothing: a PUBLISH of another signal never reaches this package.
 */
package clasp.router.internal.timeline;
