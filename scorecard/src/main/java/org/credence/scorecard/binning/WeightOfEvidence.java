package org.credence.scorecard.binning;

import java.util.List;

/**
 * Weight of evidence and information value of a set of bins.
 *
 * <p>WoE of a bin is {@code ln(share of all goods in the bin / share of all bads in the bin)}: positive
 * where an applicant is safer than average, in the units of log-odds, so a logistic regression on
 * WoE-encoded attributes has coefficients near one and its points read directly as evidence. The
 * information value {@code sum((good share - bad share) * WoE)} ranks attributes by how well they
 * separate goods from bads (conventionally: below 0.02 useless, 0.1 medium, above 0.3 strong).
 *
 * <p>A bin with no goods or no bads has an infinite WoE. The usual remedy is taken: when any cell of
 * the attribute's table is zero, half an observation is added to every cell (goods and bads of every
 * bin), which keeps the shares of the other bins in proportion and gives the empty cell a finite,
 * strongly signed WoE.
 */
public final class WeightOfEvidence {
    public static final double SMOOTHING = 0.5;

    private WeightOfEvidence() {
    }

    public static WoeTable of(List<BinCounts> bins) {
        boolean anyZero = bins.stream().anyMatch(b -> b.goods() == 0 || b.bads() == 0);
        double add = anyZero ? SMOOTHING : 0.0;
        double totalGoods = 0;
        double totalBads = 0;
        for (BinCounts bin : bins) {
            totalGoods += bin.goods() + add;
            totalBads += bin.bads() + add;
        }
        double[] woe = new double[bins.size()];
        double iv = 0;
        if (totalGoods == 0 || totalBads == 0) {
            return new WoeTable(woe, 0.0, anyZero);
        }
        for (int i = 0; i < woe.length; i++) {
            double goodShare = (bins.get(i).goods() + add) / totalGoods;
            double badShare = (bins.get(i).bads() + add) / totalBads;
            woe[i] = Math.log(goodShare / badShare);
            iv += (goodShare - badShare) * woe[i];
        }
        return new WoeTable(woe, iv, anyZero);
    }
}
