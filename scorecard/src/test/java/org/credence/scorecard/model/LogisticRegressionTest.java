package org.credence.scorecard.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LogisticRegressionTest {

    /** 100 rows with x = 0 (30 events) and 100 with x = 1 (60 events). */
    private static final double[][] x = new double[200][1];
    private static final int[] y = new int[200];

    static {
        for (int i = 0; i < 200; i++) {
            x[i][0] = i < 100 ? 0 : 1;
            y[i] = i < 100 ? (i < 30 ? 1 : 0) : (i - 100 < 60 ? 1 : 0);
        }
    }

    @Test
    void unpenalisedFitOfABinaryAttributeIsTheDifferenceOfLogits() {
        LogisticFit fit = LogisticRegression.fit(x, y, 0.0);

        assertThat(fit.intercept()).isCloseTo(Math.log(0.3 / 0.7), within(1e-9));
        assertThat(fit.coefficients()[0]).isCloseTo(Math.log(1.5) - Math.log(0.3 / 0.7), within(1e-9));
        // standard error of a log odds ratio: sqrt(1/(n0 p0 q0) + 1/(n1 p1 q1)) = sqrt(1/21 + 1/24)
        assertThat(fit.standardErrors()[0]).isCloseTo(Math.sqrt(1.0 / 21 + 1.0 / 24), within(1e-9));
        assertThat(fit.pValue(0)).isLessThan(1e-4);
        assertThat(fit.iterations()).isLessThan(15);
    }

    @Test
    void theRidgeShrinksTheCoefficientButNotToZero() {
        double free = LogisticRegression.fit(x, y, 0.0).coefficients()[0];
        double ridged = LogisticRegression.fit(x, y, 10.0).coefficients()[0];

        assertThat(ridged).isLessThan(free).isGreaterThan(0.0);
    }

    @Test
    void separableDataStaysFiniteUnderTheRidge() {
        double[][] xs = {{-2}, {-1}, {1}, {2}};
        int[] ys = {0, 0, 1, 1};

        LogisticFit fit = LogisticRegression.fit(xs, ys, 1.0);

        assertThat(Double.isFinite(fit.coefficients()[0])).isTrue();
        assertThat(fit.coefficients()[0]).isPositive();
        assertThat(fit.logOdds(new double[] {2})).isPositive();
    }
}
