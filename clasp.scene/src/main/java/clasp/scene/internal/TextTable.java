package clasp.scene.internal;

import java.util.List;

/** Columns padded to their widest cell, two spaces apart; the last column is not padded. */
final class TextTable {
    private TextTable() { }

    /** {@code rows} (the first is the header) as lines; column {@code rightAligned} (from 0) aligns right, -1: none. */
    static String format(List<String[]> rows, int rightAligned) {
        int columns = rows.get(0).length;
        int[] width = new int[columns];
        for (String[] row : rows) for (int c = 0; c < columns; c++) width[c] = Math.max(width[c], row[c].length());
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            for (int c = 0; c < columns; c++) {
                boolean last = c == columns - 1;
                String cell = row[c];
                String pad = " ".repeat(width[c] - cell.length());
                if (c == rightAligned) out.append(pad).append(cell);
                else out.append(cell).append(last ? "" : pad);
                if (!last) out.append("  ");
            }
            out.append('\n');
        }
        return out.toString();
    }
}
