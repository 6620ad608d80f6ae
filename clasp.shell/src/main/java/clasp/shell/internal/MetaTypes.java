package clasp.shell.internal;

import java.util.ArrayList;
import java.util.List;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;

/** Reads every factory PID that the installed bundles describe through the MetaType service. */
public final class MetaTypes {
    private static final int LIVE = Bundle.RESOLVED | Bundle.STARTING | Bundle.ACTIVE | Bundle.STOPPING;

    private MetaTypes() { }

    public static List<FactoryType> factoryTypes(BundleContext context, MetaTypeService metaType) {
        List<FactoryType> types = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            if ((bundle.getState() & LIVE) == 0) continue;
            MetaTypeInformation info = metaType.getMetaTypeInformation(bundle);
            if (info == null) continue;
            for (String factoryPid : info.getFactoryPids()) {
                ObjectClassDefinition ocd;
                try {
                    ocd = info.getObjectClassDefinition(factoryPid, null);
                } catch (IllegalArgumentException notDescribed) {
                    continue;
                }
                List<FactoryType.Attribute> attributes = new ArrayList<>();
                AttributeDefinition[] ads = ocd.getAttributeDefinitions(ObjectClassDefinition.ALL);
                if (ads != null) for (AttributeDefinition ad : ads) attributes.add(FactoryType.Attribute.of(ad));
                types.add(new FactoryType(factoryPid, ocd.getName(), bundle.getSymbolicName(), attributes));
            }
        }
        return types;
    }
}
