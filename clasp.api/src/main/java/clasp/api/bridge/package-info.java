/**
 * The bridge SPI: what a third party implements to link the router to another protocol (MQTT, OSC, MIDI, DMX, …)
 * or to generate and consume values of its own. A bridge registers a {@link clasp.api.bridge.Bridge} service;
 * the router finds it through the service registry, opens it with a {@link clasp.api.bridge.BridgeContext} and
 * closes it when the service goes. See docs/plugin-guide.md.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package clasp.api.bridge;
