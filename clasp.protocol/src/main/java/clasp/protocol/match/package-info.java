/**
 * The two address matchers of the protocol: the delivery matcher ({@link clasp.protocol.match.SegmentMatcher}, M1)
 * and the glob matcher ({@link clasp.protocol.match.Glob}, M2), shared by the router and the security bundle.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package clasp.protocol.match;
