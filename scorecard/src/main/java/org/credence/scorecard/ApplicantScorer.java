package org.credence.scorecard;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.credence.scorecard.data.Column;
import org.credence.scorecard.data.Dataset;
import org.credence.scorecard.data.NominalColumn;
import org.credence.scorecard.data.NumericColumn;

/**
 * Scores one applicant given as attribute values by name, as a service receives it: numbers for
 * numeric attributes, category labels for the others. Attributes the scorecard does not use are
 * ignored, so a caller may send its whole application form; a missing or mistyped attribute the
 * scorecard needs is an error naming it.
 */
public final class ApplicantScorer {

    private final Scorecard scorecard;

    public ApplicantScorer(Scorecard scorecard) {
        this.scorecard = scorecard;
    }

    public Scorecard scorecard() {
        return scorecard;
    }

    public ScoredApplicant score(Map<String, ?> applicant) {
        List<Column> columns = new ArrayList<>();
        for (ScorecardAttribute attribute : scorecard.attributes()) {
            Object value = applicant.get(attribute.name());
            if (value == null) {
                throw new ScorecardException("applicant." + attribute.name() + ": required by the scorecard");
            }
            if (attribute.kind() == ScorecardAttribute.Kind.NUMERIC) {
                if (!(value instanceof Number number)) {
                    throw new ScorecardException("applicant." + attribute.name() + ": must be a number");
                }
                columns.add(new NumericColumn(attribute.name(), new double[] {number.doubleValue()}));
            } else {
                String label = String.valueOf(value);
                if (!attribute.categories().contains(label)) {
                    throw new ScorecardException("applicant." + attribute.name() + ": '" + label + "' is not one of "
                            + attribute.categories());
                }
                columns.add(new NominalColumn(attribute.name(), List.of(label), new int[] {0}));
            }
        }
        ScoredApplicant scored = Scoring.scoreAll(scorecard, new Dataset("applicant", columns)).getFirst();
        return new ScoredApplicant(0, scored.score(), scored.probabilityBad(), scored.reasons());
    }
}
