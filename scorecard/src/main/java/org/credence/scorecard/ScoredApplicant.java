package org.credence.scorecard;

import java.util.List;

/**
 * The outcome for one applicant: the score, the model's probability of a bad outcome, and the
 * reasons (plain words, largest loss of points first) as an adverse-action notice would list them.
 */
public record ScoredApplicant(int row, int score, double probabilityBad, List<String> reasons) {
    public ScoredApplicant {
        reasons = List.copyOf(reasons);
    }
}
