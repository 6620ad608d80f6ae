/**
 * HTTP on the router's listeners, for bundles that serve pages and operational endpoints (dashboard, metrics,
 * health) without a web server of their own: register an {@link clasp.api.http.HttpEndpoint} service with the
 * {@value clasp.api.http.HttpEndpoint#PATH} property, and every WebSocket listener routes plain HTTP requests
 * under that path to it (the whiteboard pattern). Nothing here depends on Netty.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package clasp.api.http;
