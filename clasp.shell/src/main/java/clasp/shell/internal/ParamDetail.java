package clasp.shell.internal;

import clasp.api.router.ParamState;
import java.util.Map;

/**
 * What {@code clasp.param:get} and {@code set} return: one param, and the names of the open sessions by id (to
 * show beside its writer and lock holder ids).
 */
public record ParamDetail(ParamState param, Map<String, String> names) {
    public ParamDetail {
        names = Map.copyOf(names);
    }
}
