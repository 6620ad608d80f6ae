package clasp.scene.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "CLASP scenes",
        description = "Scenes (presets) saved from and recalled into the router; kept in ${clasp.data}/scenes")
@interface SceneConfig {
    @AttributeDefinition(description = "The address whose SETs recall a scene: a string value recalls that scene at once, "
            + "a map {\"name\": <scene>, \"fade\": <ms>} fades to it. The outcome of every recall is the param /clasp/scene/last.")
    String controlAddress() default "/clasp/scene/recall";

    @AttributeDefinition(description = "What scenes may read and write, as scopes (read:/lights/**, write:/lights/**, …) "
            + "checked like a client's in authenticated mode. Empty: every scope.")
    String[] scopes() default {};
}
