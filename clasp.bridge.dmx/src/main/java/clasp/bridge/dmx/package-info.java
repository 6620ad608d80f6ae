/**
 * How the DMX bridge reaches its device: {@link clasp.bridge.dmx.SerialPorts}, a service that opens a serial port by
 * path as a {@link clasp.bridge.dmx.SerialLink}. The bundle registers one backed by jSerialComm; a service of a
 * higher {@code service.ranking} takes its place (a test bundle registers a fake device this way).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package clasp.bridge.dmx;
