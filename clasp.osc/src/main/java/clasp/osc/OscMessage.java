package clasp.osc;

import java.util.List;

/**
 * An OSC message: an address (starting with '/', no NUL) and its typed arguments. Immutable.
 *
 * @param address   the OSC address (or address pattern) as sent
 * @param arguments the arguments in order; arrays nest as {@link OscArgument.Array}
 */
public record OscMessage(String address, List<OscArgument> arguments) implements OscPacket {
    public OscMessage {
        if (address == null || address.isEmpty() || address.charAt(0) != '/') {
            throw new IllegalArgumentException("an OSC address starts with '/': " + address);
        }
        if (address.indexOf('\0') >= 0) throw new IllegalArgumentException("an OSC address holds no NUL character");
        arguments = List.copyOf(arguments);
    }

    public OscMessage(String address, OscArgument... arguments) {
        this(address, List.of(arguments));
    }

    /** The type tag string as sent on the wire, e.g. {@code ",ifs"} or {@code ",[ii]"}. */
    public String typeTags() {
        StringBuilder tags = new StringBuilder(",");
        arguments.forEach(argument -> appendTags(argument, tags));
        return tags.toString();
    }

    private static void appendTags(OscArgument argument, StringBuilder tags) {
        tags.append(argument.tag());
        if (argument instanceof OscArgument.Array array) {
            array.items().forEach(item -> appendTags(item, tags));
            tags.append(']');
        }
    }

    @Override public String toString() {
        return address + " " + typeTags() + " " + arguments;
    }
}
