/**
 * Fixtures that start, drive and stop the real peers of the bridges' tests: {@link clasp.test.peers.Olad}. Exported
 * so that an in-framework test (clasp.itest) can install this jar as a bundle and use them there.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package clasp.test.peers;
