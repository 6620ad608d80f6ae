package clasp.osc;

import java.util.List;

/**
 * An OSC bundle: a timetag and its elements, messages or nested bundles, in order. Immutable.
 *
 * @param timetag  when the elements take effect ({@link OscTimetag#IMMEDIATELY} for now)
 * @param elements the elements in order
 */
public record OscBundle(OscTimetag timetag, List<OscPacket> elements) implements OscPacket {
    public OscBundle {
        if (timetag == null) throw new IllegalArgumentException("a bundle has a timetag");
        elements = List.copyOf(elements);
    }

    public OscBundle(OscTimetag timetag, OscPacket... elements) {
        this(timetag, List.of(elements));
    }
}
