/**
 * DMX-512 universes as the Art-Net, sACN and DMX-over-USB bridges share them: slot addresses
 * ({@link clasp.bridge.support.dmx.SlotAddress}), the value of a slot ({@link clasp.bridge.support.dmx.SlotValues}),
 * a universe's 512 slots ({@link clasp.bridge.support.dmx.DmxFrame}), when a sender sends
 * ({@link clasp.bridge.support.dmx.Pacer}) and how several sources of one universe merge
 * ({@link clasp.bridge.support.dmx.SourceMerge}). Not thread-safe: each object belongs to one thread of its bridge.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package clasp.bridge.support.dmx;
