/**
 * The bridge SPI: what a third party implements to link the router to another protocol (MQTT, OSC, MIDI, DMX, …)
 * or to generate and consume values of its own. A bridge registers a {@link clasp.api.bridge.Bridge} service;
 * the router finds it through the service registry, opens it with a {@link clasp.api.bridge.BridgeContext} and
 * closes it when the service goes. See docs/plugin-guide.md.
 *
 * <p>1.1: a bridge's calls run on a strand (one at a time, in order, never concurrently) on threads shared by all
 * bridges, no longer on a thread of its own; the API is unchanged.
 * <p>1.2: {@link clasp.api.bridge.Bridge#SCOPES}, the scopes the router grants a bridge's session.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package clasp.api.bridge;
