package org.credence.scorecard.binning;

import java.util.List;
import org.credence.scorecard.data.Column;
import org.credence.scorecard.data.NominalColumn;
import org.credence.scorecard.data.NumericColumn;

/** Finds the bin of each row of a column, for WoE encoding during training and validation. */
public final class BinAssignment {
    private BinAssignment() {
    }

    public static int[] indices(AttributeBinning binning, Column column) {
        int[] result = new int[column.size()];
        switch (column) {
            case NumericColumn numeric -> {
                for (int row = 0; row < result.length; row++) {
                    result[row] = numericBin(binning, numeric.value(row));
                }
            }
            case NominalColumn nominal -> {
                int[] binOfCode = binOfCategory(binning, nominal.categories());
                for (int row = 0; row < result.length; row++) {
                    int code = nominal.code(row);
                    result[row] = code == NominalColumn.MISSING ? binning.otherIndex() : binOfCode[code];
                }
            }
        }
        return result;
    }

    static int numericBin(AttributeBinning binning, double value) {
        if (!Double.isNaN(value)) {
            List<BinStatistics> bins = binning.bins();
            for (int i = 0; i < bins.size(); i++) {
                if (bins.get(i).bin() instanceof Bin.Interval interval && interval.contains(value)) {
                    return i;
                }
            }
        }
        return binning.otherIndex();
    }

    /** For each category of a dictionary, the index of the bin that holds it, or the Other bin. */
    public static int[] binOfCategory(AttributeBinning binning, List<String> categories) {
        int[] result = new int[categories.size()];
        for (int code = 0; code < result.length; code++) {
            result[code] = binning.otherIndex();
            List<BinStatistics> bins = binning.bins();
            for (int i = 0; i < bins.size(); i++) {
                if (bins.get(i).bin() instanceof Bin.Categories group && group.values().contains(categories.get(code))) {
                    result[code] = i;
                }
            }
        }
        return result;
    }
}
