package clasp.shell.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * A text table for the console: a header row, then rows, columns separated by two spaces and padded to the
 * widest cell. Numeric columns are right-aligned. Cells are one line each (line breaks become spaces) and
 * cut to a column's maximum width.
 */
final class Table {
    private static final String GAP = "  ";

    private final List<Column> columns = new ArrayList<>();
    private final List<String[]> rows = new ArrayList<>();

    private record Column(String header, boolean right, int max) { }

    /** A left-aligned column without a width limit. */
    Table column(String header) { return column(header, false, Integer.MAX_VALUE); }

    /** A right-aligned (numeric) column. */
    Table number(String header) { return column(header, true, Integer.MAX_VALUE); }

    /** A left-aligned column whose cells are cut to {@code max} characters. */
    Table column(String header, int max) { return column(header, false, max); }

    private Table column(String header, boolean right, int max) {
        columns.add(new Column(header, right, max));
        return this;
    }

    /** Adds a row; {@code cells} are shown with {@code String.valueOf}, null as "-". */
    Table row(Object... cells) {
        if (cells.length != columns.size()) {
            throw new IllegalArgumentException(columns.size() + " columns, " + cells.length + " cells");
        }
        String[] row = new String[cells.length];
        for (int i = 0; i < cells.length; i++) row[i] = cell(cells[i], columns.get(i).max);
        rows.add(row);
        return this;
    }

    boolean isEmpty() { return rows.isEmpty(); }

    /** The rows without the header, one line each. */
    String body() { return render(false); }

    @Override public String toString() { return render(true); }

    private String render(boolean header) {
        int[] width = new int[columns.size()];
        for (int i = 0; i < width.length; i++) {
            width[i] = header ? columns.get(i).header.length() : 0;
            for (String[] row : rows) width[i] = Math.max(width[i], row[i].length());
        }
        StringBuilder out = new StringBuilder();
        if (header) {
            String[] titles = columns.stream().map(Column::header).toArray(String[]::new);
            line(out, titles, width);
        }
        for (String[] row : rows) line(out, row, width);
        if (out.length() > 0) out.setLength(out.length() - 1); // no trailing line break: Gogo adds one
        return out.toString();
    }

    private void line(StringBuilder out, String[] cells, int[] width) {
        int start = out.length();
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) out.append(GAP);
            int pad = width[i] - cells[i].length();
            if (columns.get(i).right) out.append(" ".repeat(pad)).append(cells[i]);
            else out.append(cells[i]).append(" ".repeat(pad));
        }
        int end = out.length();
        while (end > start && out.charAt(end - 1) == ' ') end--;
        out.setLength(end);
        out.append('\n');
    }

    static String cell(Object value, int max) {
        String s = value == null ? "-" : String.valueOf(value);
        if (s.isEmpty()) s = "-";
        if (s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0 || s.indexOf('\t') >= 0) {
            s = s.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ').replace('\t', ' ');
        }
        return s.length() > max ? s.substring(0, Math.max(0, max - 3)) + "..." : s;
    }
}
