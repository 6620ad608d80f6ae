package clasp.api.store;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The router's side of a store's change feed, given to {@link ParamStore#attach}. A store that learns of a change
 * decided elsewhere (another router of a cluster, a replica catching up) reports it here, with the revision it
 * was given there; the router then delivers it to this router's subscribers as it would a local write.
 * Implemented by the router.
 */
@ProviderType
public interface ParamChanges {
    /**
     * A change applied to the store by someone other than this router. {@code after} null: the param was removed.
     * Called on a thread of the store's; must not be called while the store holds a lock the router may wait for.
     */
    void changed(ParamRecord before, ParamRecord after);
}
