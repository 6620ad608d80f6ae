/**
 * The OSC bridge: {@link clasp.bridge.osc.internal.OscBridge} (one per factory configuration {@code clasp.bridge.osc})
 * on a Netty UDP socket; the shared {@code clasp.osc} does the codec and the mapping of bridges.md §1.3-§1.4,
 * {@link clasp.bridge.osc.internal.Inbound} turns packets into SETs, PUBLISHes and timed BUNDLEs. Nothing here is
 * exported.
 */
package clasp.bridge.osc.internal;
