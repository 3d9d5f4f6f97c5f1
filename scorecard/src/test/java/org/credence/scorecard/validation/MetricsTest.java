package org.credence.scorecard.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsTest {

    @Test
    void aucCountsTiesAsHalf() {
        // bads at .9 and .5; goods at .5, .2, .1: pairs (bad > good) 3 + 2 + a tie (.5 vs .5) = 5.5 of 6
        double[] p = {0.9, 0.5, 0.5, 0.2, 0.1};
        int[] bad = {1, 1, 0, 0, 0};

        assertThat(Metrics.auc(p, bad)).isCloseTo(5.5 / 6, within(1e-12));
    }

    @Test
    void perfectAndInvertedRankings() {
        int[] bad = {1, 1, 0, 0};
        assertThat(Metrics.auc(new double[] {0.9, 0.8, 0.2, 0.1}, bad)).isEqualTo(1.0);
        assertThat(Metrics.auc(new double[] {0.1, 0.2, 0.8, 0.9}, bad)).isEqualTo(0.0);
        assertThat(Metrics.auc(new double[] {0.5, 0.5}, new int[] {1, 1})).isNaN();
    }

    @Test
    void ksIsTheLargestGapBetweenTheCumulativeDistributions() {
        // ascending: g(.1) g(.2) b(.3) g(.4) b(.5) b(.6); after .2: goods 2/3, bads 0 -> gap 2/3
        double[] p = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6};
        int[] bad = {0, 0, 1, 0, 1, 1};

        assertThat(Metrics.ks(p, bad)).isCloseTo(2.0 / 3, within(1e-12));
    }

    @Test
    void brierAndGini() {
        double[] p = {0.8, 0.3};
        int[] bad = {1, 0};

        ClassifierMetrics metrics = Metrics.of(p, bad);

        assertThat(metrics.brier()).isCloseTo((0.04 + 0.09) / 2, within(1e-12));
        assertThat(metrics.gini()).isCloseTo(2 * metrics.auc() - 1, within(1e-12));
    }

    @Test
    void calibrationGroupsByScoreBand() {
        int[] scores = {360, 399, 400, 949, 950};
        double[] p = {0.75, 0.25, 0.5, 0.125, 0.125};
        int[] bad = {1, 0, 1, 0, 0};

        List<CalibrationBand> table = CalibrationTable.byScoreBand(scores, p, bad, 350, 950, 50);

        assertThat(table).containsExactly(
                new CalibrationBand(350, 400, 2, 1, 0.5, 0.5),
                new CalibrationBand(400, 450, 1, 1, 1.0, 0.5),
                new CalibrationBand(900, 951, 2, 0, 0.0, 0.125));
    }
}
