package org.credence.scorecard.fairness;

/**
 * Outcomes for one group at the cut-off.
 *
 * @param auc                 how well the score ranks risk within the group; null if the group has
 *                            only goods or only bads
 * @param disparateImpact     the group's approval rate over the highest group's approval rate
 * @param belowFourFifths     whether that ratio is under 0.8, the four-fifths rule's threshold
 */
public record GroupOutcome(
        String group,
        int applicants,
        int approved,
        double approvalRate,
        double badRate,
        double meanScore,
        Double auc,
        double disparateImpact,
        boolean belowFourFifths) {
}
