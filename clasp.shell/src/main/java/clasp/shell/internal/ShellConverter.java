package clasp.shell.internal;

import clasp.api.router.BridgeInfo;
import clasp.api.router.ParamState;
import clasp.api.router.RouterStats;
import clasp.api.router.SessionInfo;
import clasp.api.router.TransportInfo;
import java.lang.reflect.Array;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import org.apache.felix.service.command.Converter;
import org.osgi.service.component.annotations.Component;

/**
 * Formats what the CLASP commands return, for Gogo: at {@link Converter#INSPECT} (what the shell prints for a
 * command's result) aligned tables and key/value blocks; at {@link Converter#LINE} one line; at
 * {@link Converter#PART} a short name. Other objects are left to Gogo (null).
 */
@Component(service = Converter.class, property = {
        Converter.CONVERTER_CLASSES + "=clasp.shell.internal.RouterStatus",
        Converter.CONVERTER_CLASSES + "=clasp.shell.internal.SessionList",
        Converter.CONVERTER_CLASSES + "=clasp.shell.internal.ParamList",
        Converter.CONVERTER_CLASSES + "=clasp.shell.internal.ParamDetail",
        Converter.CONVERTER_CLASSES + "=clasp.shell.internal.TransportList",
        Converter.CONVERTER_CLASSES + "=clasp.shell.internal.BridgeList",
        Converter.CONVERTER_CLASSES + "=clasp.shell.internal.FactoryTypeList",
        Converter.CONVERTER_CLASSES + "=clasp.shell.internal.InstanceChange",
        Converter.CONVERTER_CLASSES + "=clasp.api.router.ParamState",
        Converter.CONVERTER_CLASSES + "=clasp.api.router.SessionInfo",
        Converter.CONVERTER_CLASSES + "=clasp.api.router.TransportInfo",
        Converter.CONVERTER_CLASSES + "=clasp.api.router.BridgeInfo"
})
public final class ShellConverter implements Converter {
    private static final int VALUE_WIDTH = 48;
    /** Wide: the detail is the last column, and the reason an instance is not running must show whole. */
    private static final int DETAIL_WIDTH = 160;

    private final ZoneId zone;

    public ShellConverter() { this(ZoneId.systemDefault()); }

    /** With the time zone times are shown in (tests use UTC). */
    public ShellConverter(ZoneId zone) { this.zone = zone; }

    /** This converter only formats; Gogo's own conversions do the rest. */
    @Override public Object convert(Class<?> desiredType, Object in) { return null; }

    @Override
    public CharSequence format(Object target, int level, Converter escape) {
        if (target instanceof RouterStatus s) return level == INSPECT ? inspect(s) : line(s);
        if (target instanceof SessionList l) return level == INSPECT ? sessions(l) : count(l.sessions().size(), "session");
        if (target instanceof ParamList l) return level == INSPECT ? params(l) : count(l.params().size(), "param");
        if (target instanceof TransportList l) return level == INSPECT ? transports(l) : count(l.transports().size(), "transport");
        if (target instanceof BridgeList l) return level == INSPECT ? bridges(l) : count(l.bridges().size(), "bridge");
        if (target instanceof FactoryTypeList l) return level == INSPECT ? types(l) : count(l.types().size(), "type");
        if (target instanceof InstanceChange c) return level == INSPECT ? inspect(c) : line(c);
        if (target instanceof ParamDetail d) {
            if (level == INSPECT) return inspect(d.param(), d.names());
            return format(d.param(), level, escape);
        }
        if (target instanceof ParamState p) {
            if (level == INSPECT) return inspect(p);
            return level == LINE ? p.address() + " = " + ValueSyntax.format(p.value()) + " (revision " + p.revision() + ")" : p.address();
        }
        if (target instanceof SessionInfo s) return level == PART ? s.id() : s.id() + " " + s.name() + " " + s.origin();
        if (target instanceof TransportInfo t) return level == PART ? t.id() : t.id() + " " + t.kind() + " " + t.state() + " " + t.endpoint();
        if (target instanceof BridgeInfo b) return level == PART ? b.id() : b.id() + " " + b.protocol() + " " + b.state();
        return null;
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    // ---- clasp:status

    String inspect(RouterStatus s) {
        RouterStats st = s.stats();
        return new Table().column("").column("")
                .row("uptime", Formats.duration(s.uptimeMicros()) + " (since " + Formats.since(st.startedAtMicros(), s.nowMicros(), zone) + ")")
                .row("sessions", st.sessions())
                .row("params", st.params())
                .row("frames in", st.framesInPerSecond() + "/s, " + st.framesIn() + " total")
                .row("frames out", st.framesOutPerSecond() + "/s, " + st.framesOut() + " total")
                .row("dropped", st.deliveriesDropped())
                .row("refused", refusals(st.refusals()))
                .row("transports", plugins(s.transports(), s.transportsNotOnline()))
                .row("bridges", plugins(s.bridges(), s.bridgesNotOnline()))
                .row("store", s.store().store())
                .row("journal", s.store().journal() == null ? "none: REPLAY is refused (501)" : s.store().journal())
                .body();
    }

    /** Each kind of refusal with its count, by kind; "none" when nothing was refused. */
    private static String refusals(Map<String, Long> refusals) {
        String shown = new java.util.TreeMap<>(refusals).entrySet().stream().filter(e -> e.getValue() > 0)
                .map(e -> e.getKey() + " " + e.getValue()).collect(java.util.stream.Collectors.joining(", "));
        return shown.isEmpty() ? "none" : shown;
    }

    private static String plugins(int all, int notOnline) {
        if (all == 0) return "0";
        return all + (notOnline == 0 ? ", all online" : ", " + notOnline + " not online");
    }

    static String line(RouterStatus s) {
        RouterStats st = s.stats();
        return "up " + Formats.duration(s.uptimeMicros()) + ", " + count(st.sessions(), "session") + ", "
                + count(st.params(), "param") + ", in " + st.framesInPerSecond() + "/s, out " + st.framesOutPerSecond() + "/s";
    }

    // ---- tables

    String sessions(SessionList l) {
        // PEER (a TLS client certificate's subject) only when some transport authenticated a session.
        boolean peers = l.sessions().stream().anyMatch(s -> s.peerIdentity() != null);
        Table t = new Table().column("ID").column("NAME", 32).column("ORIGIN").number("SUBS").number("IN").number("OUT")
                .column("SINCE");
        if (peers) t.column("PEER");
        for (SessionInfo s : l.sessions()) {
            String since = Formats.since(s.sinceMicros(), l.nowMicros(), zone);
            if (peers) {
                t.row(s.id(), s.name(), s.origin(), s.subscriptions(), s.framesIn(), s.framesOut(), since,
                        s.peerIdentity() == null ? "-" : s.peerIdentity());
            } else {
                t.row(s.id(), s.name(), s.origin(), s.subscriptions(), s.framesIn(), s.framesOut(), since);
            }
        }
        return t.isEmpty() ? "no sessions" : t.toString();
    }

    static String params(ParamList l) {
        Table t = new Table().column("ADDRESS").column("VALUE", VALUE_WIDTH).column("TYPE").number("REV").column("WRITER")
                .column("LOCK");
        for (ParamState p : l.params()) {
            t.row(p.address(), ValueSyntax.format(p.value()), p.value().kind().name().toLowerCase(Locale.ROOT),
                    p.revision(), SessionNames.label(p.writer(), l.names()), SessionNames.label(p.lockHolder(), l.names()));
        }
        return t.isEmpty() ? "no params match " + l.pattern() : t.toString();
    }

    static String transports(TransportList l) {
        Table t = new Table().column("ID").column("KIND").column("STATE").column("ENDPOINT").number("CONNS")
                .number("ACCEPTED").number("IN").number("OUT").column("DETAIL", DETAIL_WIDTH);
        for (TransportInfo i : l.transports()) {
            t.row(i.id(), i.kind(), i.state(), i.endpoint(), i.connections(), i.accepted(), i.framesIn(), i.framesOut(),
                    i.detail());
        }
        return t.isEmpty() ? "no transports" : t.toString();
    }

    String bridges(BridgeList l) {
        Table t = new Table().column("ID").column("PROTOCOL").column("BUNDLE").column("STATE").column("SINCE")
                .number("IN").number("OUT").number("DROPPED").column("DETAIL", DETAIL_WIDTH);
        for (BridgeInfo b : l.bridges()) {
            t.row(b.id(), b.protocol(), b.bundle(), b.state(), Formats.since(b.sinceMicros(), l.nowMicros(), zone),
                    b.messagesIn(), b.messagesOut(), b.dropped(), b.detail());
        }
        return t.isEmpty() ? "no bridges" : t.toString();
    }

    static String types(FactoryTypeList l) {
        if (l.types().isEmpty()) return "no " + l.noun() + " installed";
        StringBuilder out = new StringBuilder();
        for (FactoryType type : l.types()) {
            if (out.length() > 0) out.append("\n\n");
            out.append(type.factoryPid()).append("  ").append(type.name()).append("  (").append(type.bundle()).append(')');
            Table t = new Table().column("  ATTRIBUTE").column("TYPE").column("DEFAULT", VALUE_WIDTH);
            for (FactoryType.Attribute a : type.attributes()) {
                String defaults = String.join(",", a.defaults());
                boolean secret = a.type() == org.osgi.service.metatype.AttributeDefinition.PASSWORD && !defaults.isEmpty();
                t.row("  " + a.id(), a.typeName(), a.defaults().isEmpty() ? null : secret ? "********" : defaults);
            }
            if (!t.isEmpty()) out.append('\n').append(t);
        }
        return out.toString();
    }

    // ---- single objects

    String inspect(ParamState p) {
        return inspect(p, Map.of());
    }

    String inspect(ParamState p, Map<String, String> names) {
        return new Table().column("").column("")
                .row("address", p.address())
                .row("value", ValueSyntax.format(p.value()))
                .row("type", p.value().kind().name().toLowerCase(Locale.ROOT))
                .row("revision", p.revision())
                .row("writer", SessionNames.label(p.writer(), names))
                .row("written", p.timestamp() > 0 ? Formats.time(p.timestamp(), zone) : null)
                .row("lock", SessionNames.label(p.lockHolder(), names))
                .body();
    }

    static String line(InstanceChange c) {
        return c.action() + " " + c.pid() + " (" + c.file() + ")";
    }

    static String inspect(InstanceChange c) {
        if (c.properties().isEmpty() && c.outcome() == null) return line(c);
        Table t = new Table().column("").column("");
        for (Map.Entry<String, Object> e : c.properties().entrySet()) {
            if (e.getKey().equals(clasp.config.CfgFiles.FILENAME)) continue;
            t.row("  " + e.getKey(), c.secret(e.getKey()) ? "********" : show(e.getValue()));
        }
        return line(c) + (t.isEmpty() ? "" : "\n" + t.body()) + (c.outcome() == null ? "" : "\n" + c.outcome());
    }

    private static String show(Object value) {
        if (value == null || !value.getClass().isArray()) return String.valueOf(value);
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < Array.getLength(value); i++) {
            if (i > 0) out.append(", ");
            out.append(Array.get(value, i));
        }
        return out.append(']').toString();
    }
}
