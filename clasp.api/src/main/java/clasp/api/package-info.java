/** CLASP vocabulary: immutable values, signal types, QoS, gesture phases and addresses. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package clasp.api;
