package clasp.shell.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.felix.metatype.AD;
import org.apache.felix.metatype.Designate;
import org.apache.felix.metatype.MetaData;
import org.apache.felix.metatype.MetaDataReader;
import org.apache.felix.metatype.OCD;

/** Reads metatype XML with the Felix MetaType reader, as the runtime's MetaType service does. */
final class MetaTypeXml {
    private MetaTypeXml() { }

    @SuppressWarnings("unchecked")
    static List<FactoryType> read(String resource) throws IOException {
        MetaData data;
        try (InputStream in = MetaTypeXml.class.getResourceAsStream(resource)) {
            if (in == null) throw new IOException("no " + resource);
            data = new MetaDataReader().parse(in);
        }
        List<FactoryType> types = new ArrayList<>();
        for (Designate designate : (List<Designate>) data.getDesignates()) {
            OCD ocd = (OCD) data.getObjectClassDefinitions().get(designate.getObject().getOcdRef());
            List<FactoryType.Attribute> attributes = new ArrayList<>();
            for (AD ad : ((Map<String, AD>) ocd.getAttributeDefinitions()).values()) {
                attributes.add(new FactoryType.Attribute(ad.getID(), ad.getType(), ad.getCardinality(),
                        ad.getDefaultValue() == null ? List.of() : List.of(ad.getDefaultValue()),
                        ad.getOptionValues() == null ? List.of() : List.of(ad.getOptionValues()), ad::validate));
            }
            types.add(new FactoryType(designate.getFactoryPid(), ocd.getName(), "test", attributes));
        }
        return types;
    }

    /** The websocket transport's and the demo bridge's types. */
    static List<FactoryType> all() throws IOException {
        List<FactoryType> all = new ArrayList<>(read("/metatype/websocket.xml"));
        all.addAll(read("/metatype/demo-bridge.xml"));
        return all;
    }
}
