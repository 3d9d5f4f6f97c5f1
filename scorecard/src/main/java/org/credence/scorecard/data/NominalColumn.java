package org.credence.scorecard.data;

import java.util.List;

/**
 * A categorical attribute. {@code categories} is the declared dictionary (for ARFF, the order of
 * the header; for CSV, the order of first appearance); {@code codes} index into it per row.
 */
public record NominalColumn(String name, List<String> categories, int[] codes) implements Column {
    public static final int MISSING = -1;

    public NominalColumn {
        categories = List.copyOf(categories);
    }

    @Override
    public int size() {
        return codes.length;
    }

    @Override
    public boolean isMissing(int row) {
        return codes[row] == MISSING;
    }

    public int code(int row) {
        return codes[row];
    }

    /** The category of a row, or null when it is missing. */
    public String valueAt(int row) {
        int code = codes[row];
        return code == MISSING ? null : categories.get(code);
    }

    @Override
    public NominalColumn select(int[] rows) {
        int[] picked = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            picked[i] = codes[rows[i]];
        }
        return new NominalColumn(name, categories, picked);
    }
}
