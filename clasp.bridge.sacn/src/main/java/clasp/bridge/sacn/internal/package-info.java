/**
 * The sACN (ANSI E1.31) bridge: {@link clasp.bridge.sacn.internal.SacnBridge} (one per factory configuration
 * {@code clasp.bridge.sacn}) on a Netty UDP socket; {@link clasp.bridge.sacn.internal.E131Codec} reads and writes
 * data, synchronization and universe discovery packets, {@link clasp.bridge.sacn.internal.Sender} paces and numbers
 * the output universes, {@link clasp.bridge.sacn.internal.Receiver} merges the sources of the input universes.
 * Nothing here is exported.
 */
package clasp.bridge.sacn.internal;
