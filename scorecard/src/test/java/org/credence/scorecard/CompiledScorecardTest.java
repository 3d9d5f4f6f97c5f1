package org.credence.scorecard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.credence.scorecard.data.Dataset;
import org.credence.scorecard.data.NominalColumn;
import org.credence.scorecard.data.NumericColumn;
import org.credence.scorecard.scaling.ScoreScale;
import org.junit.jupiter.api.Test;

class CompiledScorecardTest {
    private final Scorecard scorecard = HandMadeScorecard.build();
    private final CompiledScorecard compiled = scorecard.compile();

    /** duration, checking (dictionary none, <0, 0-199), age, savings (high, low), housing (own, rent, free). */
    private static double[] applicant(double duration, double checking, double age, double savings, double housing) {
        return new double[] {duration, checking, age, savings, housing};
    }

    @Test
    void findsBinsAtTheirEdgesAndSendsTheUnknownToOther() {
        assertThat(compiled.binOf(0, 11.99)).isZero();
        assertThat(compiled.binOf(0, 12)).isEqualTo(1);
        assertThat(compiled.binOf(0, 23)).isEqualTo(1);
        assertThat(compiled.binOf(0, 24)).isEqualTo(2);
        assertThat(compiled.binOf(0, Double.NaN)).isEqualTo(3);
        assertThat(compiled.binOf(1, 0)).isZero();
        assertThat(compiled.binOf(1, 1)).isEqualTo(1);
        assertThat(compiled.binOf(1, 2)).isEqualTo(1);
        assertThat(compiled.binOf(1, -1)).isEqualTo(2);
        assertThat(compiled.binOf(1, 3)).isEqualTo(2);
        assertThat(compiled.binOf(1, 1.5)).isEqualTo(2);
    }

    @Test
    void theScoreIsTheSumOfThePublishedPoints() {
        int[] bins = new int[5];
        compiled.assignBins(applicant(30, 1, 22, 1, 1), bins);

        assertThat(bins).containsExactly(2, 1, 0, 1, 1);
        assertThat(compiled.score(bins)).isEqualTo(110 + 120 + 130 + 135 + 141);
        assertThat(compiled.scoreValues(applicant(30, 1, 22, 1, 1))).isEqualTo(636);
        assertThat(compiled.scoreValues(applicant(6, 0, 30, 0, 0))).isEqualTo(160 + 170 + 150 + 145 + 150);
    }

    @Test
    void theProbabilityComesFromTheUnroundedLogOdds() {
        int[] bins = {2, 1, 0, 1, 1};
        // coefficient 0.8 on WoE 0.5 - 0.25 * bin, intercept 0.9 shared by five attributes
        double logOdds = 0.9 + 0.8 * ((0.5 - 0.5) + (0.5 - 0.25) + 0.5 + (0.5 - 0.25) + (0.5 - 0.25));

        assertThat(compiled.probabilityBad(bins)).isCloseTo(1 / (1 + Math.exp(logOdds)), within(1e-12));
    }

    @Test
    void reasonsAreTheLargestLossesAgainstTheBestBinInOrder() {
        int[] bins = new int[5];
        compiled.assignBins(applicant(30, 1, 22, 1, 1), bins);
        int[] reasons = new int[4];

        // losses: duration 50, checking 50, age 20, savings 10, housing 9; the tie keeps table order
        assertThat(compiled.reasons(bins, reasons)).isEqualTo(4);
        assertThat(reasons).containsExactly(0, 1, 2, 3);

        int[] two = new int[2];
        assertThat(compiled.reasons(bins, two)).isEqualTo(2);
        assertThat(two).containsExactly(0, 1);
    }

    @Test
    void anApplicantInEveryBestBinHasNoReasons() {
        int[] bins = new int[5];
        compiled.assignBins(applicant(6, 0, 30, 0, 0), bins);

        assertThat(compiled.reasons(bins, new int[4])).isZero();
    }

    @Test
    void reasonsLeaveOutAttributesThatCostNothing() {
        int[] bins = new int[5];
        // only age (20) and housing (9) lose points
        compiled.assignBins(applicant(6, 0, 22, 0, 2), bins);
        int[] reasons = new int[4];

        assertThat(compiled.reasons(bins, reasons)).isEqualTo(2);
        assertThat(reasons[0]).isEqualTo(2);
        assertThat(reasons[1]).isEqualTo(4);
    }

    @Test
    void scoringADataSetGivesReasonsInPlainWords() {
        Dataset data = new Dataset("applicants", List.of(
                new NumericColumn("duration", new double[] {30, 6}),
                new NominalColumn("checking", List.of("<0", "none"), new int[] {0, 1}),
                new NumericColumn("age", new double[] {22, 40}),
                new NominalColumn("savings", List.of("low", "high"), new int[] {0, 1}),
                new NominalColumn("housing", List.of("rent", "own", "boat"), new int[] {0, 2}),
                new NominalColumn("personal_status", List.of("x"), new int[] {0, 0})));

        List<ScoredApplicant> scored = Scoring.scoreAll(scorecard, data);

        assertThat(scored.get(0).row()).isEqualTo(1);
        assertThat(scored.get(0).score()).isEqualTo(636);
        assertThat(scored.get(0).reasons()).containsExactly("duration of the loan 24+ months",
                "checking account: <0 or 0-199", "age under 25 years", "savings: low");
        // "boat" was never seen: the Other bin, worth the least
        assertThat(scored.get(1).score()).isEqualTo(160 + 170 + 150 + 145 + 141);
        assertThat(scored.get(1).reasons()).containsExactly("housing not given");
    }

    @Test
    void scoresAreClampedToTheScale() {
        Scorecard generous = new Scorecard(scorecard.formatVersion(), scorecard.target(), scorecard.badLabel(),
                scorecard.goodLabel(), new ScoreScale(600, 4, 50, 350, 700),
                scorecard.intercept(), scorecard.attributes(), scorecard.training());

        assertThat(generous.compile().scoreValues(applicant(6, 0, 30, 0, 0))).isEqualTo(700);
    }
}
