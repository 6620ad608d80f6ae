package clasp.dashboard.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;

/**
 * The factory PIDs the installed bundles describe with MetaType (as the shell's {@code types} commands read them):
 * what the page builds its create and update forms from, and what the API converts form values with.
 */
final class FactoryTypes {
    private static final int LIVE = Bundle.RESOLVED | Bundle.STARTING | Bundle.ACTIVE | Bundle.STOPPING;

    private FactoryTypes() { }

    /** One described factory PID. */
    record Type(String factoryPid, String name, String description, String bundle, List<Attribute> attributes) {
        Optional<Attribute> attribute(String id) {
            return attributes.stream().filter(a -> a.id().equals(id)).findFirst();
        }
    }

    /**
     * One attribute definition: {@code type} an {@link AttributeDefinition} constant, {@code cardinality} 0 for one
     * value else an array of at most |cardinality|; options as value and label pairs, empty when any value goes.
     */
    record Attribute(String id, String name, String description, int type, int cardinality, List<String> defaults,
                     List<String> optionValues, List<String> optionLabels, AttributeDefinition definition) {
        String typeName() {
            String base = switch (type) {
                case AttributeDefinition.LONG -> "long";
                case AttributeDefinition.INTEGER -> "int";
                case AttributeDefinition.SHORT -> "short";
                case AttributeDefinition.CHARACTER -> "char";
                case AttributeDefinition.BYTE -> "byte";
                case AttributeDefinition.DOUBLE -> "double";
                case AttributeDefinition.FLOAT -> "float";
                case AttributeDefinition.BOOLEAN -> "boolean";
                case AttributeDefinition.PASSWORD -> "password";
                default -> "string";
            };
            return cardinality == 0 ? base : base + "[]";
        }

        static Attribute of(AttributeDefinition ad) {
            return new Attribute(ad.getID(), ad.getName(), ad.getDescription(), ad.getType(), ad.getCardinality(),
                    list(ad.getDefaultValue()), list(ad.getOptionValues()), list(ad.getOptionLabels()), ad);
        }

        private static List<String> list(String[] values) {
            return values == null ? List.of() : List.of(values);
        }
    }

    /** Every factory PID starting with {@code prefix} that a live bundle describes. */
    static List<Type> under(String prefix, BundleContext context, MetaTypeService metaType) {
        List<Type> types = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            if ((bundle.getState() & LIVE) == 0) continue;
            MetaTypeInformation info = metaType.getMetaTypeInformation(bundle);
            if (info == null) continue;
            for (String factoryPid : info.getFactoryPids()) {
                if (!factoryPid.startsWith(prefix)) continue;
                ObjectClassDefinition ocd;
                try {
                    ocd = info.getObjectClassDefinition(factoryPid, null);
                } catch (IllegalArgumentException notDescribed) {
                    continue;
                }
                List<Attribute> attributes = new ArrayList<>();
                AttributeDefinition[] ads = ocd.getAttributeDefinitions(ObjectClassDefinition.ALL);
                if (ads != null) for (AttributeDefinition ad : ads) attributes.add(Attribute.of(ad));
                types.add(new Type(factoryPid, ocd.getName(), ocd.getDescription(), bundle.getSymbolicName(), attributes));
            }
        }
        types.sort(java.util.Comparator.comparing(Type::factoryPid));
        return types;
    }
}
