package clasp.hook.scale.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One scale hook instance (factory PID {@code clasp.hook.scale}). DS maps {@code clasp_hook_id} to the property
 * {@code clasp.hook.id} and {@code service_ranking} to {@code service.ranking}, which orders this hook among the
 * router's transforms.
 */
@ObjectClassDefinition(name = "CLASP scale hook",
        description = "Rewrites the numeric value of every SET to an address matching the pattern to "
                + "min(max(value × scale + offset, min), max) before the router stores it")
@interface ScaleConfig {
    @AttributeDefinition(name = "Instance id", required = false,
            description = "clasp.hook.id: the instance id; empty: the configuration's name")
    String clasp_hook_id() default "";

    @AttributeDefinition(description = "The params it applies to: an address, or a pattern where * is one segment and "
            + "** any number of segments, e.g. /mixer/*/gain")
    String pattern();

    @AttributeDefinition(description = "Factor the value is multiplied by")
    double scale() default 1;

    @AttributeDefinition(description = "Added after scaling")
    double offset() default 0;

    @AttributeDefinition(description = "Lowest value stored (-Infinity: no lower bound)")
    double min() default Double.NEGATIVE_INFINITY;

    @AttributeDefinition(description = "Highest value stored (Infinity: no upper bound)")
    double max() default Double.POSITIVE_INFINITY;

    @AttributeDefinition(name = "Ranking", required = false,
            description = "service.ranking: transforms with a higher ranking run first, each given what the one before returned")
    int service_ranking() default 0;
}
