package org.credence.scorecard.fairness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.credence.scorecard.data.Dataset;
import org.credence.scorecard.data.NominalColumn;
import org.credence.scorecard.data.NumericColumn;
import org.junit.jupiter.api.Test;

class FairnessAnalysisTest {
    /**
     * Ten applicants: group "x" (rows 0-5) and group "y" (rows 6-9). At a cut-off of 600, x has
     * 5 of 6 approved (83.3%) and y 2 of 4 (50%): y's ratio is 0.5 / 0.8333 = 0.6, below 0.8.
     */
    private static final int[] SCORES = {700, 650, 640, 620, 610, 500, 700, 600, 450, 400};
    private static final int[] BAD = {0, 0, 1, 0, 0, 1, 0, 0, 0, 0};
    private static final double[] PROBABILITY = {0.1, 0.1, 0.3, 0.2, 0.2, 0.6, 0.1, 0.2, 0.5, 0.6};
    private static final Dataset DATA = new Dataset("t", List.of(
            new NominalColumn("group", List.of("x", "y"), new int[] {0, 0, 0, 0, 0, 0, 1, 1, 1, 1}),
            new NumericColumn("age", new double[] {20, 22, 30, 35, 41, 50, 61, 70, 24, 39})));

    @Test
    void approvalRatesAndTheFourFifthsRule() {
        FairnessReport report = FairnessAnalysis.analyse(DATA, BAD, SCORES, PROBABILITY, 600,
                List.of(new FairnessView("group", "group", new Grouping.ByValue())), List.of(), List.of());

        assertThat(report.approvalRate()).isCloseTo(0.7, within(1e-12));
        ViewReport view = report.views().get(0);
        GroupOutcome x = view.groups().get(0);
        GroupOutcome y = view.groups().get(1);
        assertThat(x.group()).isEqualTo("x");
        assertThat(x.approved()).isEqualTo(5);
        assertThat(x.approvalRate()).isCloseTo(5.0 / 6, within(1e-12));
        assertThat(x.badRate()).isCloseTo(2.0 / 6, within(1e-12));
        assertThat(x.disparateImpact()).isEqualTo(1.0);
        // x: bads at .3 and .6, goods at .1 .1 .2 .2 -> every pair ranked right
        assertThat(x.auc()).isEqualTo(1.0);
        assertThat(y.approvalRate()).isEqualTo(0.5);
        assertThat(y.disparateImpact()).isCloseTo(0.6, within(1e-12));
        assertThat(y.belowFourFifths()).isTrue();
        // y has no bads: its AUC is undefined
        assertThat(y.auc()).isNull();
        assertThat(view.passesFourFifths()).isFalse();
        assertThat(view.lowestRatio()).isCloseTo(0.6, within(1e-12));
    }

    @Test
    void groupsByMappingAndByBandsInBandOrder() {
        FairnessReport report = FairnessAnalysis.analyse(DATA, BAD, SCORES, PROBABILITY, 600, List.of(
                new FairnessView("merged", "group", new Grouping.ByMapping(Map.of("x", "all", "y", "all"))),
                new FairnessView("age", "age", new Grouping.ByBands(List.of(25.0, 40.0, 60.0), "years")),
                new FairnessView("absent", "foreign_worker", new Grouping.ByValue())), List.of("age"), List.of());

        assertThat(report.views()).hasSize(2);
        assertThat(report.views().get(0).groups()).singleElement()
                .satisfies(g -> assertThat(g.applicants()).isEqualTo(10));
        ViewReport age = report.views().get(1);
        assertThat(age.usedByScorecard()).isTrue();
        assertThat(age.groups()).extracting(GroupOutcome::group).containsExactly(
                "under 25 years", "25 to under 40 years", "40 to under 60 years", "60 years and over");
        assertThat(age.groups()).extracting(GroupOutcome::applicants).containsExactly(3, 3, 2, 2);
    }
}
