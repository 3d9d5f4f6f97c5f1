package org.credence.scorecard.validation;

/**
 * Applicants whose score lies in {@code [from, to)}: how many, how many turned out bad, and the bad
 * rate the model predicted for them on average. A calibrated scorecard has the two rates close.
 */
public record CalibrationBand(int from, int to, int applicants, int bads, double observedBadRate,
        double predictedBadRate) {
}
