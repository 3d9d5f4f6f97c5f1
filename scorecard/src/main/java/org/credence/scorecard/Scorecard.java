package org.credence.scorecard;

import java.util.List;
import org.credence.scorecard.scaling.ScoreScale;

/**
 * A trained scorecard: everything needed to score an applicant, explain the score and reproduce it
 * from the published table. It is what the model JSON file holds.
 *
 * @param intercept the logistic intercept (log-odds of good), already spread over the points
 */
public record Scorecard(
        int formatVersion,
        String target,
        String badLabel,
        String goodLabel,
        ScoreScale scale,
        double intercept,
        List<ScorecardAttribute> attributes,
        TrainingSummary training) {

    public static final int FORMAT_VERSION = 1;

    public Scorecard {
        attributes = List.copyOf(attributes);
    }

    public Scorecard withTraining(TrainingSummary summary) {
        return new Scorecard(formatVersion, target, badLabel, goodLabel, scale, intercept, attributes, summary);
    }

    public CompiledScorecard compile() {
        return new CompiledScorecard(this);
    }
}
