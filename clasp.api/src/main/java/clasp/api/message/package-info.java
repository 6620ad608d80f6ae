/**
 * The CLASP messages (all 17 of the protocol plus REPLAY and FEDERATION_SYNC) and the frame envelope.
 * Optional fields are {@code null} when absent; u64 and u32 wire fields are held in {@code long}s.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package clasp.api.message;
