/**
 * The CLASP wire codec: frames and message bodies on Netty {@code ByteBuf}s, with byte-array conveniences,
 * and splitters that cut byte streams into frames.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.2.0")
package clasp.protocol;
