package org.credence.scorecard.binning;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;

/** Turns merged runs into an {@link AttributeBinning}: WoE per bin and the trailing Other bin. */
final class BinningAssembly {
    private BinningAssembly() {
    }

    static double criticalChiSquare(double significance) {
        if (significance <= 0) {
            return 0.0;
        }
        return new ChiSquaredDistribution(null, 1).inverseCumulativeProbability(1.0 - significance);
    }

    /**
     * @param other outcomes of rows with no value; they get their own WoE only if there are at
     *              least {@code minCount} of them, otherwise the lowest WoE of the attribute
     */
    static AttributeBinning assemble(String attribute, List<Bin> bins, List<BinCounts> counts, BinCounts other,
            int minCount) {
        boolean otherEstimated = other.total() >= minCount;
        List<BinCounts> table = new ArrayList<>(counts);
        if (otherEstimated) {
            table.add(other);
        }
        WoeTable woe = WeightOfEvidence.of(table);
        List<BinStatistics> statistics = new ArrayList<>(bins.size() + 1);
        for (int i = 0; i < bins.size(); i++) {
            statistics.add(new BinStatistics(bins.get(i), counts.get(i).goods(), counts.get(i).bads(), woe.woe()[i]));
        }
        double otherWoe = otherEstimated ? woe.woe()[bins.size()] : lowest(woe.woe(), bins.size());
        statistics.add(new BinStatistics(new Bin.Other(), other.goods(), other.bads(), otherWoe));
        return new AttributeBinning(attribute, statistics, woe.informationValue());
    }

    private static double lowest(double[] woe, int bins) {
        double lowest = 0.0;
        for (int i = 0; i < bins; i++) {
            lowest = i == 0 ? woe[i] : Math.min(lowest, woe[i]);
        }
        return lowest;
    }

    static List<BinCounts> counts(List<Run> runs) {
        return runs.stream().map(Run::counts).toList();
    }
}
