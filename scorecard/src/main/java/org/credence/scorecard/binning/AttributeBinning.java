package org.credence.scorecard.binning;

import java.util.List;

/**
 * The bins of one attribute, ordered (ascending ranges, or category groups by bad rate), the
 * {@link Bin.Other} bin always last, with the attribute's information value.
 */
public record AttributeBinning(String attribute, List<BinStatistics> bins, double informationValue) {
    public AttributeBinning {
        bins = List.copyOf(bins);
        if (bins.isEmpty() || !(bins.get(bins.size() - 1).bin() instanceof Bin.Other)) {
            throw new IllegalArgumentException("the last bin of " + attribute + " must be the Other bin");
        }
    }

    public int otherIndex() {
        return bins.size() - 1;
    }

    public double[] woes() {
        return bins.stream().mapToDouble(BinStatistics::woe).toArray();
    }
}
