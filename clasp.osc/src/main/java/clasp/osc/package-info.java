/**
 * OSC 1.0 and the common OSC 1.1 additions, shared by the OSC bridge, the OSC server adapter and the OSCQuery server
 * so that all three read, write and map OSC alike: the packet model ({@link clasp.osc.OscPacket}, every type tag
 * {@code i f s b T F N I h d t c r m S [ ]}), a bounds-checked decoder with explicit limits
 * ({@link clasp.osc.OscDecoder}, {@link clasp.osc.OscLimits}, one checked {@link clasp.osc.OscFormatException}), the
 * encoder, NTP timetags ({@link clasp.osc.OscTimetag}), SLIP framing for OSC 1.1 over TCP ({@link clasp.osc.Slip},
 * {@link clasp.osc.SlipDecoder}), OSC ↔ CLASP addresses ({@link clasp.osc.OscAddresses}) and the argument ↔ value
 * mapping of bridges.md §1.3-§1.4 ({@link clasp.osc.OscValueMapping}). No state, no threads, no services.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package clasp.osc;
