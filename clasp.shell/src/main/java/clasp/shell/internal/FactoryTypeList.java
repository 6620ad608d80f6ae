package clasp.shell.internal;

import java.util.Comparator;
import java.util.List;

/**
 * What {@code clasp.bridge:types} and {@code clasp.transport:types} return: the factory PIDs of one kind of
 * plugin that MetaType describes.
 *
 * @param noun what they are, for the message when there is none, e.g. "bridge types"
 */
public record FactoryTypeList(List<FactoryType> types, String noun) {
    public FactoryTypeList {
        types = types.stream().sorted(Comparator.comparing(FactoryType::factoryPid)).toList();
    }

    public FactoryTypeList(List<FactoryType> types) {
        this(types, "types");
    }
}
