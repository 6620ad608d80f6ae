package ${package}.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The configuration of one instance (factory PID {@code clasp.bridge.${protocol}}). DS maps each method to the
 * property of the same name ({@code clasp_bridge_id} to {@code clasp.bridge.id}); bnd writes the metatype
 * description from it, from which the shell lists and checks the keys ({@code clasp.bridge:types}).
 */
@ObjectClassDefinition(name = "CLASP ${protocol} bridge",
        description = "Echoes every value written to <prefix>/<id>/in to <prefix>/<id>/out")
@interface EchoBridgeConfig {
    @AttributeDefinition(name = "Instance id", required = false,
            description = "clasp.bridge.id: the instance id, also the address segment after the prefix; empty: the configuration's name")
    String clasp_bridge_id() default "";

    @AttributeDefinition(description = "Address prefix: starts with '/', no trailing '/'")
    String prefix() default "/${protocol}";
}
