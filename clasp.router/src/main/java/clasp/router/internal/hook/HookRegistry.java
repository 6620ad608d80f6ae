package clasp.router.internal.hook;

import clasp.api.hook.SnapshotFilter;
import clasp.api.hook.ValueTransform;
import clasp.api.hook.WriteValidator;
import clasp.api.router.HookInfo;
import java.util.ArrayList;
import java.util.List;

/** The registered write hooks, one ranked list per kind; owned by the router component, so they outlive a restart. */
public final class HookRegistry {
    public final RankedHooks<WriteValidator> validators = new RankedHooks<>("validator");
    public final RankedHooks<ValueTransform> transforms = new RankedHooks<>("transform");
    public final RankedHooks<SnapshotFilter> filters = new RankedHooks<>("snapshot filter");

    /** Every hook: validators, transforms, then filters, each kind as {@link RankedHooks#info()} lists it. */
    public List<HookInfo> info() {
        List<HookInfo> out = new ArrayList<>(validators.info());
        out.addAll(transforms.info());
        out.addAll(filters.info());
        return out;
    }
}
