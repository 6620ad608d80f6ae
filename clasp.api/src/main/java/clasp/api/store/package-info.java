/**
 * The param store SPI: where the router keeps params. The router ships an in-memory store; a durable or a
 * clustered store replaces it by registering a {@link clasp.api.store.ParamStore} service with a higher
 * {@code service.ranking}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package clasp.api.store;
