package clasp.shell.internal;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.osgi.service.metatype.AttributeDefinition;

/**
 * A factory PID some bundle describes with MetaType: what {@code clasp.bridge:types} lists, and what create and
 * update convert {@code key=value} arguments with.
 *
 * @param factoryPid the factory PID, e.g. {@code clasp.transport.websocket}
 * @param name       the object class definition's name
 * @param bundle     symbolic name of the bundle that describes it
 * @param attributes its attribute definitions
 */
public record FactoryType(String factoryPid, String name, String bundle, List<Attribute> attributes) {
    public FactoryType {
        attributes = List.copyOf(attributes);
    }

    public Optional<Attribute> attribute(String id) {
        return attributes.stream().filter(a -> a.id().equals(id)).findFirst();
    }

    /**
     * One attribute definition.
     *
     * @param type        an {@link AttributeDefinition} type constant ({@code STRING}, {@code INTEGER}, ...)
     * @param cardinality 0 for one value; otherwise the value is an array (at most |cardinality| values)
     * @param defaults    the default value(s), empty when none
     * @param options     the allowed values, empty when any value is allowed
     * @param validator   {@link AttributeDefinition#validate}: null or "" when valid, else the problem; may be null
     */
    public record Attribute(String id, int type, int cardinality, List<String> defaults, List<String> options,
                            Function<String, String> validator) {
        public Attribute {
            defaults = defaults == null ? List.of() : List.copyOf(defaults);
            options = options == null ? List.of() : List.copyOf(options);
        }

        /** From the MetaType service's definition. */
        public static Attribute of(AttributeDefinition ad) {
            return new Attribute(ad.getID(), ad.getType(), ad.getCardinality(), list(ad.getDefaultValue()),
                    list(ad.getOptionValues()), ad::validate);
        }

        private static List<String> list(String[] values) {
            return values == null ? List.of() : List.of(values);
        }

        /** The type as an admin reads it: int, long, boolean, double, String, password, ... with [] for arrays. */
        public String typeName() {
            String base = clasp.config.TypedValues.typeName(type);
            return cardinality == 0 ? base : base + "[]";
        }

        @Override public String toString() { return id + " (" + typeName() + ")"; }
    }
}
