/**
 * The transport SPI: a transport bundle accepts network connections and hands them to the router as
 * "frames in, frames out", knowing nothing of routing. Frames are Netty {@code ByteBuf}s; nothing else of
 * Netty (channels, pipelines) appears here.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("2.3.0")
package clasp.protocol.transport;
