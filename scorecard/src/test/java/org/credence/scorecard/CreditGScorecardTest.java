package org.credence.scorecard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.credence.scorecard.binning.Bin;
import org.credence.scorecard.data.LabelledDataset;
import org.credence.scorecard.validation.CrossValidationResult;
import org.junit.jupiter.api.Test;

/** The scorecard trained on the Statlog German Credit data, as the README reports it. */
class CreditGScorecardTest {
    private static final LabelledDataset DATA = CreditG.labelled();
    private static final Scorecard SCORECARD = ScorecardTrainer.train(DATA, TrainingSpec.standard());
    private static final CompiledScorecard COMPILED = SCORECARD.compile();
    private static final double[][] APPLICANTS = ApplicantEncoder.encode(SCORECARD, DATA.features());

    @Test
    void crossValidatedAucReachesTheBarWithoutProtectedAttributes() {
        CrossValidationResult cv = CrossValidation.run(DATA, TrainingSpec.standard(), 10, 42).result();

        assertThat(cv.mean().auc()).isGreaterThanOrEqualTo(0.78);
        assertThat(cv.pooled().auc()).isGreaterThanOrEqualTo(0.78);
        assertThat(cv.mean().ks()).isGreaterThan(0.4);
        // a constant 30% forecast has a Brier score of 0.21
        assertThat(cv.mean().brier()).isLessThan(0.18);
        assertThat(cv.perFold()).hasSize(10);
    }

    @Test
    void crossValidationIsReproducible() {
        assertThat(CrossValidation.run(DATA, TrainingSpec.standard(), 10, 42).result())
                .isEqualTo(CrossValidation.run(DATA, TrainingSpec.standard(), 10, 42).result());
    }

    @Test
    void everyNumericAttributeHasMonotoneBadRatesAndPoints() {
        for (ScorecardAttribute attribute : SCORECARD.attributes()) {
            if (attribute.kind() != ScorecardAttribute.Kind.NUMERIC) {
                continue;
            }
            List<ScorecardBin> ranges = attribute.bins().stream().filter(b -> b.bin() instanceof Bin.Interval).toList();
            List<Double> rates = ranges.stream().map(b -> (double) b.bads() / (b.goods() + b.bads())).toList();
            List<Integer> points = ranges.stream().map(ScorecardBin::points).toList();
            boolean rising = rates.get(1) > rates.get(0);
            for (int i = 1; i < ranges.size(); i++) {
                if (rising) {
                    assertThat(rates.get(i)).as(attribute.name()).isGreaterThan(rates.get(i - 1));
                    assertThat(points.get(i)).as(attribute.name()).isLessThanOrEqualTo(points.get(i - 1));
                } else {
                    assertThat(rates.get(i)).as(attribute.name()).isLessThan(rates.get(i - 1));
                    assertThat(points.get(i)).as(attribute.name()).isGreaterThanOrEqualTo(points.get(i - 1));
                }
            }
        }
    }

    @Test
    void theLongestLoansAreExplainedInPlainWords() {
        // row 2 of the file: 48 months, checking 0 to 199 DM, savings below 100 DM
        ScoredApplicant second = Scoring.scoreAll(SCORECARD, DATA.features()).get(1);

        assertThat(second.reasons()).hasSize(4);
        assertThat(second.reasons().get(0)).startsWith("duration of the loan ").endsWith("+ months");
        assertThat(second.reasons()).anyMatch(r -> r.startsWith("checking account: "));
    }

    @Test
    void scoresUseTheRangeAndAreOrderedLikeTheProbability() {
        List<ScoredApplicant> scored = Scoring.scoreAll(SCORECARD, DATA.features());

        assertThat(scored).allSatisfy(s -> assertThat(s.score()).isBetween(350, 950));
        assertThat(scored.stream().mapToInt(ScoredApplicant::score).max().orElseThrow()
                - scored.stream().mapToInt(ScoredApplicant::score).min().orElseThrow()).isGreaterThan(300);
        for (ScoredApplicant a : scored) {
            for (ScoredApplicant b : scored.subList(0, 50)) {
                // points are rounded per attribute, so scores within a few points may disagree
                if (a.score() > b.score() + SCORECARD.attributes().size()) {
                    assertThat(a.probabilityBad()).isLessThan(b.probabilityBad());
                }
            }
        }
    }

    @Property(tries = 300)
    void reasonsAreTheLargestLossesInDescendingOrder(@ForAll @IntRange(min = 0, max = 999) int row) {
        int[] bins = new int[COMPILED.attributes()];
        COMPILED.assignBins(APPLICANTS[row], bins);
        int[] reasons = new int[Scoring.REASONS];
        int count = COMPILED.reasons(bins, reasons);

        int sum = 0;
        for (int j = 0; j < bins.length; j++) {
            sum += SCORECARD.attributes().get(j).bins().get(bins[j]).points();
        }
        assertThat(COMPILED.score(bins)).isEqualTo(SCORECARD.scale().clamp(sum));
        for (int k = 0; k < count; k++) {
            int loss = COMPILED.pointsLost(reasons[k], bins[reasons[k]]);
            assertThat(loss).isPositive();
            if (k > 0) {
                assertThat(loss).isLessThanOrEqualTo(COMPILED.pointsLost(reasons[k - 1], bins[reasons[k - 1]]));
            }
        }
        int smallestListed = count == 0 ? 0 : COMPILED.pointsLost(reasons[count - 1], bins[reasons[count - 1]]);
        for (int j = 0; j < bins.length; j++) {
            final int attribute = j;
            boolean listed = IntStream.range(0, count).anyMatch(k -> reasons[k] == attribute);
            if (!listed) {
                int loss = COMPILED.pointsLost(j, bins[j]);
                assertThat(loss).isLessThanOrEqualTo(count < Scoring.REASONS ? 0 : smallestListed);
            }
        }
    }
}
