/**
 * The MIDI bridge: {@link clasp.bridge.midi.internal.MidiBridge} (one per factory configuration
 * {@code clasp.bridge.midi}) on Java Sound ports ({@link clasp.bridge.midi.internal.PortLinks}); the bridges.md §3.3
 * mapping is {@link clasp.bridge.midi.internal.MidiToClasp} inbound and {@link clasp.bridge.midi.internal.ClaspToMidi}
 * outbound, with {@link clasp.bridge.midi.internal.MidiValues} for raw, normalised and scaled numbers. Nothing here
 * is exported.
 */
package clasp.bridge.midi.internal;
