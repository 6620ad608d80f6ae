/**
 * The param store SPI: where the router keeps params. The router ships an in-memory store; a durable or a
 * clustered store replaces it by registering a {@link clasp.api.store.ParamStore} service with a higher
 * {@code service.ranking}. A {@link clasp.api.store.Journal} service, when there is one, records accepted writes
 * for REPLAY.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.2.0")
package clasp.api.store;
