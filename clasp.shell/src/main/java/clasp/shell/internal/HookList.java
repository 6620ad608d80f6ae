package clasp.shell.internal;

import java.util.List;

/**
 * What {@code clasp.hook:list} shows: every write hook the router has, in the order it calls each kind, those it
 * disabled, and the configured instances that are not running, with DS's reason.
 *
 * @param rows one per hook service or configured instance
 */
public record HookList(List<Row> rows) {
    public HookList {
        rows = List.copyOf(rows);
    }

    /**
     * @param id      the hook's {@code clasp.hook.id}, or "service &lt;service.id&gt;" for a hook without one
     * @param kind    validator, transform or snapshot filter (empty for an instance that is not running)
     * @param ranking its {@code service.ranking}
     * @param bundle  the bundle that registered it
     * @param state   "active", "disabled" (ran past the hook budget) or "not running"
     * @param detail  for a disabled hook or an instance that is not running: why
     */
    public record Row(String id, String kind, int ranking, String bundle, String state, String detail) { }

    /** The rows as a table, or "no hooks". */
    public String text() {
        Table t = new Table().column("ID").column("KIND").number("RANKING").column("BUNDLE").column("STATE").column("DETAIL", 60);
        for (Row r : rows) t.row(r.id(), r.kind(), r.ranking(), r.bundle(), r.state(), r.detail());
        return t.isEmpty() ? "no hooks" : t.toString();
    }
}
