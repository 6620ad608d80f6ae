package clasp.shell.internal;

import clasp.api.router.ParamState;
import java.util.Comparator;
import java.util.List;

/** What {@code clasp.param:list} returns: the stored params matching {@code pattern}, by address. */
public record ParamList(String pattern, List<ParamState> params) {
    public ParamList {
        params = params.stream().sorted(Comparator.comparing(ParamState::address)).toList();
    }
}
