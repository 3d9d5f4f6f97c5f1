package org.credence.scorecard.data;

/** A numeric attribute; NaN marks a missing value. The array is owned by the column. */
public record NumericColumn(String name, double[] values) implements Column {
    @Override
    public int size() {
        return values.length;
    }

    @Override
    public boolean isMissing(int row) {
        return Double.isNaN(values[row]);
    }

    public double value(int row) {
        return values[row];
    }

    @Override
    public NumericColumn select(int[] rows) {
        double[] picked = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            picked[i] = values[rows[i]];
        }
        return new NumericColumn(name, picked);
    }
}
