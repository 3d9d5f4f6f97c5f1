package org.credence.scorecard.scaling;

/**
 * Turns a fitted WoE logistic regression into whole points per bin.
 *
 * <p>Why this way. The scaled score {@code offset + factor * (b0 + sum b_j * WoE_j)} is split
 * into one term per attribute, {@code factor * b_j * WoE_ij + (offset + factor * b0) / m}, with the
 * intercept and offset shared equally among the m attributes. Every point of the score is then in
 * the table: an applicant can add up their own score from the rows that apply, and nothing is hidden
 * in a "base" that no row explains. Points are rounded to whole numbers because that is what is
 * published and what is added; the score is the clamped sum of those published numbers, never a
 * recomputed figure that could differ from the table by a point.
 */
public final class PointsAllocation {
    private PointsAllocation() {
    }

    public static int points(ScoreScale scale, double intercept, int attributes, double coefficient, double woe) {
        double share = (scale.offset() + scale.factor() * intercept) / attributes;
        return (int) Math.round(scale.factor() * coefficient * woe + share);
    }
}
