package org.credence.scorecard.binning;

import org.credence.scorecard.data.Column;
import org.credence.scorecard.data.NominalColumn;
import org.credence.scorecard.data.NumericColumn;

/** Bins any column: ranges for numeric attributes, groups for nominal ones. */
public final class Binner {
    private Binner() {
    }

    public static AttributeBinning bin(Column column, int[] bad, BinningSettings settings) {
        return switch (column) {
            case NumericColumn numeric -> NumericBinner.bin(numeric, bad, settings);
            case NominalColumn nominal -> CategoryGrouper.group(nominal, bad, settings);
        };
    }
}
