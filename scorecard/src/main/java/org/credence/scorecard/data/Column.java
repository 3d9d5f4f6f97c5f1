package org.credence.scorecard.data;

/**
 * One attribute of a data set, stored column-wise so that binning and encoding run over
 * primitive arrays. A column is either numeric (missing values are NaN) or nominal (each row holds
 * the index of its category; missing is {@link NominalColumn#MISSING}).
 */
public sealed interface Column permits NumericColumn, NominalColumn {
    String name();

    int size();

    boolean isMissing(int row);

    /** The column restricted to the given rows, in that order. */
    Column select(int[] rows);
}
