package org.credence.scorecard;

import java.util.ArrayList;
import java.util.List;
import org.credence.scorecard.data.Dataset;

/** Scores every row of a data set, with reasons, for the command line and reports. */
public final class Scoring {
    /** Adverse-action notices name the principal reasons; four is the customary number. */
    public static final int REASONS = 4;

    private Scoring() {
    }

    public static List<ScoredApplicant> scoreAll(Scorecard scorecard, Dataset data) {
        CompiledScorecard compiled = scorecard.compile();
        double[][] rows = ApplicantEncoder.encode(scorecard, data);
        int[] bins = new int[compiled.attributes()];
        int[] reasons = new int[REASONS];
        List<ScoredApplicant> result = new ArrayList<>(rows.length);
        for (int row = 0; row < rows.length; row++) {
            compiled.assignBins(rows[row], bins);
            int count = compiled.reasons(bins, reasons);
            List<String> words = new ArrayList<>(count);
            for (int k = 0; k < count; k++) {
                int j = reasons[k];
                words.add(scorecard.attributes().get(j).bins().get(bins[j]).phrase());
            }
            result.add(new ScoredApplicant(row + 1, compiled.score(bins), compiled.probabilityBad(bins), words));
        }
        return result;
    }
}
