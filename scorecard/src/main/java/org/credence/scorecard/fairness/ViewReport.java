package org.credence.scorecard.fairness;

import java.util.List;

/**
 * The groups of one view, the lowest disparate-impact ratio among them, and whether the protected
 * attribute is used by the scorecard (only a flagged one can be).
 */
public record ViewReport(
        String title,
        String attribute,
        boolean usedByScorecard,
        List<GroupOutcome> groups,
        double lowestRatio,
        boolean passesFourFifths) {

    public ViewReport {
        groups = List.copyOf(groups);
    }
}
