/**
 * The router service API for code inside the framework (bridges, the shell, tests): open a local session,
 * set, get, publish and subscribe, and read state. Implemented by the router only.
 *
 * <p>1.4: {@link clasp.api.router.LocalSession#bundle}, atomic and scheduled bundles from inside the framework;
 * {@link clasp.api.router.Router#signals}, the announced signal definitions with their meta.
 * <p>1.7: {@link clasp.api.router.Router#openSession(String, boolean, java.util.Set)}, a local session with the scopes
 * its configuration grants.
 * <p>1.8: {@link clasp.api.router.SessionInfo} names the session's transport and principal and its queued bytes.
 * <p>1.9: {@link clasp.api.router.Router#metrics}, counters for monitoring: frames and bytes by message type,
 * deliveries, drops and coalescing by reason, ERROR frames by code, handshakes, locks.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.9.0")
package clasp.api.router;
