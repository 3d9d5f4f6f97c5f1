package org.credence.scorecard.binning;

/** A bin with the training outcomes that fell in it and its weight of evidence. */
public record BinStatistics(Bin bin, int goods, int bads, double woe) {
    public int total() {
        return goods + bads;
    }

    public double badRate() {
        return total() == 0 ? Double.NaN : (double) bads / total();
    }
}
