package org.credence.scorecard.fairness;

import java.util.List;

/**
 * How the scorecard's outcomes differ between groups of protected attributes at a cut-off score
 * (approve at or above it). {@code notes} states findings in words, such as whether a flagged
 * attribute in use scores older applicants down.
 */
public record FairnessReport(
        int cutoff,
        int applicants,
        double approvalRate,
        List<ViewReport> views,
        List<String> notes) {

    public static final double FOUR_FIFTHS = 0.8;

    public FairnessReport {
        views = List.copyOf(views);
        notes = List.copyOf(notes);
    }
}
