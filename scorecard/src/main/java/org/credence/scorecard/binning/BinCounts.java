package org.credence.scorecard.binning;

/** Goods and bads observed in one bin. */
public record BinCounts(int goods, int bads) {
    public int total() {
        return goods + bads;
    }
}
