package org.credence.scorecard.scaling;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * The points-to-double-the-odds scale: score = offset + factor * ln(odds of good), with
 * {@code factor = pdo / ln 2} and the offset placing {@code anchorScore} at {@code anchorOdds}
 * (goods per bad). Every {@code pointsToDoubleOdds} points the odds of repaying double; scores are
 * clamped to [{@code minScore}, {@code maxScore}].
 */
public record ScoreScale(int anchorScore, double anchorOdds, double pointsToDoubleOdds, int minScore, int maxScore) {
    /**
     * 600 points at odds of 4 goods to 1 bad (a 20% bad rate), 50 points to double the odds, on
     * 350–950. The anchor sits in the middle of the risk found in consumer instalment lending, so
     * the whole range is used: a 50:1 anchor would put a third of such a portfolio on the floor.
     */
    public static final ScoreScale STANDARD = new ScoreScale(600, 4.0, 50.0, 350, 950);

    public ScoreScale {
        if (anchorOdds <= 0 || pointsToDoubleOdds <= 0 || minScore >= maxScore
                || anchorScore < minScore || anchorScore > maxScore) {
            throw new IllegalArgumentException("invalid score scale");
        }
    }

    public double factor() {
        return pointsToDoubleOdds / Math.log(2);
    }

    public double offset() {
        return anchorScore - factor() * Math.log(anchorOdds);
    }

    /** The score of given log-odds of good, before rounding and clamping. */
    public double unclamped(double logOddsGood) {
        return offset() + factor() * logOddsGood;
    }

    public int clamp(long points) {
        return (int) Math.max(minScore, Math.min(maxScore, points));
    }

    /** Probability of a bad outcome at a given (unclamped) score: the inverse of the scale. */
    public double probabilityBadAt(double score) {
        double logOddsGood = (score - offset()) / factor();
        return 1.0 / (1.0 + Math.exp(logOddsGood));
    }

    /** The anchor in words, as published with the scorecard. */
    public String describe() {
        return String.format(Locale.ROOT,
                "%d points at odds of %s good to 1 bad, %s points to double the odds, clamped to %d–%d",
                anchorScore, plain(anchorOdds), plain(pointsToDoubleOdds), minScore, maxScore);
    }

    private static String plain(double value) {
        return new BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
    }
}
