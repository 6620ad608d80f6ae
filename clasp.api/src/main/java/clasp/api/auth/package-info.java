/**
 * The authorisation SPI: one point that every request from every entry path (network sessions, local sessions,
 * bridges, adapters) passes, given the session's {@link clasp.api.auth.Principal}. The router ships an
 * allow-all authoriser (open mode); a stricter one replaces it by registering an
 * {@link clasp.api.auth.Authoriser} service with a higher {@code service.ranking}, and may add value constraints.
 * Authentication is the {@link clasp.api.auth.Authenticator} SPI: while one is registered, the router is in
 * authenticated mode and every HELLO must carry credentials it accepts.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package clasp.api.auth;
