package clasp.oscquery.internal;

import clasp.api.message.SignalDefinition;
import clasp.api.message.SignalMeta;
import clasp.api.router.ParamState;
import clasp.api.router.Router;
import clasp.osc.OscArgument;
import clasp.osc.OscMessage;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The router's params as an OSCQuery address space, read fresh for each request: every param whose address is an
 * OSC path is a method ({@code FULL_PATH}, {@code TYPE}, {@code VALUE}, {@code ACCESS}, and {@code DESCRIPTION} and
 * {@code RANGE} when its address was announced with them); every address segment above a param is a container
 * ({@code FULL_PATH}, {@code CONTENTS}, {@code ACCESS} 0). A param with params below it is both.
 */
final class AddressSpace {
    static final String FULL_PATH = "FULL_PATH";
    static final String CONTENTS = "CONTENTS";
    static final String TYPE = "TYPE";
    static final String VALUE = "VALUE";
    static final String RANGE = "RANGE";
    static final String ACCESS = "ACCESS";
    static final String DESCRIPTION = "DESCRIPTION";
    /** The attributes this server writes; a query for another is a 400, for one a node lacks a 204. */
    static final List<String> ATTRIBUTES = List.of(FULL_PATH, CONTENTS, TYPE, VALUE, RANGE, ACCESS, DESCRIPTION);

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final Router router;
    private final Access access;

    AddressSpace(Router router, Access access) {
        this.router = router;
        this.access = access;
    }

    /** The node at {@code path} with everything below it, or null when there is none. */
    ObjectNode node(String path) {
        if (!OscPaths.valid(path)) return null;
        Branch branch = new Branch(path);
        router.param(path).filter(p -> !path.equals("/")).ifPresent(p -> branch.param = p);
        for (ParamState p : router.params(OscPaths.below(path))) {
            if (p.address().equals(path)) continue;   // "/a/**" may match "/a" itself: read above
            if (OscPaths.valid(p.address())) branch.add(p);
        }
        if (branch.param == null && branch.children.isEmpty() && !path.equals("/")) return null;
        Map<String, SignalMeta> meta = new HashMap<>();
        for (SignalDefinition d : router.signals(path)) if (d.meta() != null) meta.put(d.address(), d.meta());
        for (SignalDefinition d : router.signals(OscPaths.below(path))) if (d.meta() != null) meta.put(d.address(), d.meta());
        return render(branch, meta);
    }

    /** The TYPE of a param's current value, or null when OSC cannot carry it. */
    static String type(ParamState p) {
        return OscValues.typeTags(p.value());
    }

    private ObjectNode render(Branch b, Map<String, SignalMeta> meta) {
        ObjectNode node = JSON.objectNode();
        node.put(FULL_PATH, b.path);
        SignalMeta m = meta.get(b.path);
        if (m != null && m.description() != null) node.put(DESCRIPTION, m.description());
        if (b.param != null) {
            method(node, b.param, m);
        } else {
            node.put(ACCESS, Access.NONE);
        }
        if (!b.children.isEmpty()) {
            ObjectNode contents = node.putObject(CONTENTS);
            b.children.forEach((name, child) -> contents.set(name, render(child, meta)));
        }
        return node;
    }

    private void method(ObjectNode node, ParamState p, SignalMeta meta) {
        int acc = access.of(p.address());
        OscMessage message;
        try {
            message = OscValues.message(p.address(), p.value());
        } catch (IllegalArgumentException cannotCarry) {
            node.put(ACCESS, acc);   // a string with a NUL: OSC has no type for it, so no TYPE and no VALUE
            return;
        }
        node.put(TYPE, OscValues.tags(message));
        if (Access.readable(acc)) node.set(VALUE, OscValues.json(message.arguments()));
        if (meta != null && meta.hasRange()) node.set(RANGE, range(message.arguments(), meta));
        node.put(ACCESS, acc);
    }

    /** One entry per argument: {@code {"MIN", "MAX"}} for a number, null for the others (a range means nothing there). */
    private static ArrayNode range(List<OscArgument> arguments, SignalMeta meta) {
        ArrayNode out = JSON.arrayNode(arguments.size());
        for (OscArgument a : arguments) {
            boolean integer = a instanceof OscArgument.Int32 || a instanceof OscArgument.Int64;
            if (integer || a instanceof OscArgument.Float32 || a instanceof OscArgument.Float64) {
                ObjectNode bounds = JSON.objectNode();
                bounds.set("MIN", number(meta.min(), integer));
                bounds.set("MAX", number(meta.max(), integer));
                out.add(bounds);
            } else {
                out.add(NullNode.instance);
            }
        }
        return out;
    }

    private static JsonNode number(double d, boolean integer) {
        if (!Double.isFinite(d)) return NullNode.instance;
        return integer && d == Math.rint(d) && Math.abs(d) < 0x1p63 ? JSON.numberNode((long) d) : JSON.numberNode(d);
    }

    /** One node of the tree being built: a param, containers below it, or both. */
    private static final class Branch {
        final String path;
        final TreeMap<String, Branch> children = new TreeMap<>();
        ParamState param;

        Branch(String path) {
            this.path = path;
        }

        /** Adds {@code p}, which lies strictly below this node, creating the containers on the way. */
        void add(ParamState p) {
            String rest = p.address().substring(path.equals("/") ? 1 : path.length() + 1);
            Branch at = this;
            for (String name : rest.split("/")) {
                String childPath = at.path.equals("/") ? "/" + name : at.path + "/" + name;
                at = at.children.computeIfAbsent(name, n -> new Branch(childPath));
            }
            at.param = p;
        }
    }
}
