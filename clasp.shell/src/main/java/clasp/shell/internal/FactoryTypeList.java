package clasp.shell.internal;

import java.util.Comparator;
import java.util.List;

/** What {@code clasp.bridge:types} returns: the bridge and transport factory PIDs described by MetaType. */
public record FactoryTypeList(List<FactoryType> types) {
    public FactoryTypeList {
        types = types.stream().sorted(Comparator.comparing(FactoryType::factoryPid)).toList();
    }
}
