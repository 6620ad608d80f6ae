/**
 * What bridges to numeric control protocols share: {@link clasp.bridge.support.LinearScale}, the "mapping without
 * code" of a bridge instance (a fader at 0.0-1.0 driving DMX 0-255 or MIDI 0-127), built on the write-hook
 * {@link clasp.api.hook.ValueTransform} contract. No state, no threads, no services.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package clasp.bridge.support;
