package clasp.shell.internal;

import clasp.api.router.ParamState;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * What {@code clasp.param:list} returns: the stored params matching {@code pattern}, by address, and the names
 * of the open sessions by id (to show beside writer and lock holder ids).
 */
public record ParamList(String pattern, List<ParamState> params, Map<String, String> names) {
    public ParamList {
        params = params.stream().sorted(Comparator.comparing(ParamState::address)).toList();
        names = Map.copyOf(names);
    }

    public ParamList(String pattern, List<ParamState> params) {
        this(pattern, params, Map.of());
    }
}
