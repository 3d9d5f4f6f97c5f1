package org.credence.scorecard.model;

import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * A fitted logistic regression: log-odds = intercept + sum(coefficients[j] * x[j]), with the
 * standard error of each coefficient (from the inverse of the penalised Hessian at the optimum).
 */
public record LogisticFit(double intercept, double[] coefficients, double[] standardErrors, int iterations) {
    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1);

    public double logOdds(double[] x) {
        double sum = intercept;
        for (int j = 0; j < coefficients.length; j++) {
            sum += coefficients[j] * x[j];
        }
        return sum;
    }

    /** Wald statistic of coefficient j. */
    public double z(int j) {
        return coefficients[j] / standardErrors[j];
    }

    /** Two-sided Wald p-value of coefficient j. */
    public double pValue(int j) {
        return 2.0 * STANDARD_NORMAL.cumulativeProbability(-Math.abs(z(j)));
    }
}
