package org.credence.scorecard.binning;

/**
 * Knobs of supervised binning.
 *
 * @param fineClasses        equal-frequency classes a numeric attribute is first cut into
 * @param maxBins            most bins an attribute may keep (the Other bin not counted)
 * @param minBinShare        smallest share of the training rows a bin may hold
 * @param mergeSignificance  neighbours whose outcomes do not differ at this level are merged
 */
public record BinningSettings(int fineClasses, int maxBins, double minBinShare, double mergeSignificance) {
    public static final BinningSettings DEFAULT = new BinningSettings(20, 6, 0.05, 0.20);

    public BinningSettings {
        if (fineClasses < 2 || maxBins < 1 || minBinShare < 0 || minBinShare >= 0.5
                || mergeSignificance < 0 || mergeSignificance >= 1) {
            throw new IllegalArgumentException("invalid binning settings");
        }
    }

    int minCount(int rows) {
        return Math.max(1, (int) Math.ceil(minBinShare * rows));
    }
}
