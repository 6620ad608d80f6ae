package clasp.hook.scale.internal;

import clasp.api.Value;
import clasp.api.auth.Principal;
import clasp.api.hook.ValueTransform;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The scale hook: one {@link ValueTransform} service per factory configuration {@code clasp.hook.scale}, which the
 * router calls for every SET (see {@link Scaling} for what it does). A configuration change re-creates the component
 * (no {@code @Modified}), so the router drops the old instance and ranks the new one. Stateless after activation:
 * called from any thread, never blocks.
 */
@Component(configurationPid = "clasp.hook.scale", configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = ScaleConfig.class, factory = true)
public final class ScaleHook implements ValueTransform {
    private final Scaling scaling;

    /** A configuration it cannot use fails the activation, with the reason (DS logs it; the shell shows it). */
    @Activate
    public ScaleHook(ScaleConfig config) { this(Scaling.from(config)); }

    ScaleHook(Scaling scaling) { this.scaling = scaling; }

    @Override
    public Value transform(Principal principal, String address, Value value) { return scaling.apply(address, value); }
}
