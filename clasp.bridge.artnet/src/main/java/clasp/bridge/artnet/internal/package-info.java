/**
 * The Art-Net bridge: {@link clasp.bridge.artnet.internal.ArtNetBridge} (one per factory configuration
 * {@code clasp.bridge.artnet}) on a Netty UDP socket. The codec is one small class per packet
 * ({@link clasp.bridge.artnet.internal.ArtDmx}, {@link clasp.bridge.artnet.internal.ArtPoll},
 * {@link clasp.bridge.artnet.internal.ArtPollReply}, {@link clasp.bridge.artnet.internal.ArtSync}); the
 * {@link clasp.bridge.artnet.internal.Transmitter} paces the universes sent, the
 * {@link clasp.bridge.artnet.internal.Receiver} checks sequences and merges the sources of the universes received,
 * {@link clasp.bridge.artnet.internal.Nodes} knows where each universe goes. Slot addresses, values, frames, pacing
 * and merging come from {@code clasp.bridge.support.dmx}. Nothing here is exported.
 */
package clasp.bridge.artnet.internal;
