package clasp.api.bridge;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * Component property type for bridges: {@code @ClaspBridge(protocol = "osc")} on a DS component sets the
 * {@link Bridge#PROTOCOL} service property without spelling it.
 */
@ComponentPropertyType
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface ClaspBridge {
    /** Prefix that maps {@code protocol()} to {@code clasp.bridge.protocol}. */
    String PREFIX_ = "clasp.bridge.";

    /** The protocol or kind this bridge handles. */
    String protocol();
}
