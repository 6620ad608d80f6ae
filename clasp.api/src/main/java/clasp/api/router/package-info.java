/**
 * The router service API for code inside the framework (bridges, the shell, tests): open a local session,
 * set, get, publish and subscribe, and read state. Implemented by the router only.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.3.0")
package clasp.api.router;
