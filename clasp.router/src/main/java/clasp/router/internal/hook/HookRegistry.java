package clasp.router.internal.hook;

import clasp.api.hook.SnapshotFilter;
import clasp.api.hook.ValueTransform;
import clasp.api.hook.WriteValidator;

/** The registered write hooks, one ranked list per kind; owned by the router component, so they outlive a restart. */
public final class HookRegistry {
    public final RankedHooks<WriteValidator> validators = new RankedHooks<>("validator");
    public final RankedHooks<ValueTransform> transforms = new RankedHooks<>("transform");
    public final RankedHooks<SnapshotFilter> filters = new RankedHooks<>("snapshot filter");
}
