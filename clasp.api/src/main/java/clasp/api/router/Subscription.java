package clasp.api.router;

import org.osgi.annotation.versioning.ProviderType;

/** A local subscription; closing it stops deliveries. */
@ProviderType
public interface Subscription extends AutoCloseable {
    String pattern();

    @Override
    void close();
}
