package org.credence.scorecard.model;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.DecompositionSolver;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.linear.SingularValueDecomposition;

/**
 * Logistic regression with an L2 (ridge) penalty, fitted by Newton's method.
 *
 * <p>Why this way. A scorecard has a dozen WoE-encoded inputs, so the Hessian is a 13x13 matrix:
 * Newton's method (iteratively reweighted least squares) solves it exactly in six or seven steps,
 * with no learning rate, no random start and no tolerance that changes the answer, so the same data
 * always gives the same model to the last bit. The Hessian at the optimum is needed anyway: its
 * inverse gives the standard errors behind the significance test that selects attributes. A general
 * optimiser would need both re-derived around it. The linear algebra (Cholesky solve, inverse) is
 * Apache Commons Math's, the iteration is the few lines below.
 *
 * <p>The penalty {@code l2 * |beta|^2 / 2} (intercept unpenalised) is small: WoE attributes are often
 * correlated (a long loan is usually a large one), and the ridge keeps their coefficients finite and
 * stable between cross-validation folds without visibly shrinking them. Each Newton step is halved
 * while it would lower the penalised likelihood, which makes convergence certain, since the
 * objective is strictly concave.
 */
public final class LogisticRegression {
    private static final int MAX_ITERATIONS = 100;
    private static final double TOLERANCE = 1e-10;

    private LogisticRegression() {
    }

    /**
     * @param x  rows by attributes
     * @param y  1 for the event whose log-odds are modelled, 0 otherwise
     * @param l2 ridge penalty on the coefficients, not on the intercept
     */
    public static LogisticFit fit(double[][] x, int[] y, double l2) {
        int rows = x.length;
        int p = rows == 0 ? 0 : x[0].length;
        double events = 0;
        for (int value : y) {
            events += value;
        }
        double[] beta = new double[p + 1];
        double rate = Math.min(Math.max(events / Math.max(rows, 1), 1e-6), 1 - 1e-6);
        beta[0] = Math.log(rate / (1 - rate));
        double objective = penalisedLogLikelihood(x, y, beta, l2);
        int iteration = 0;
        RealMatrix hessian = information(x, beta, l2);
        while (iteration < MAX_ITERATIONS) {
            iteration++;
            RealVector step = solver(hessian).solve(new ArrayRealVector(gradient(x, y, beta, l2), false));
            double[] next = new double[p + 1];
            double scale = 1.0;
            double nextObjective;
            do {
                for (int j = 0; j <= p; j++) {
                    next[j] = beta[j] + scale * step.getEntry(j);
                }
                nextObjective = penalisedLogLikelihood(x, y, next, l2);
                scale /= 2;
            } while (nextObjective < objective - 1e-12 && scale > 1e-10);
            double change = 0;
            for (int j = 0; j <= p; j++) {
                change = Math.max(change, Math.abs(next[j] - beta[j]));
            }
            beta = next;
            objective = nextObjective;
            hessian = information(x, beta, l2);
            if (change < TOLERANCE) {
                break;
            }
        }
        RealMatrix covariance = solver(hessian).getInverse();
        double[] coefficients = new double[p];
        double[] errors = new double[p];
        for (int j = 0; j < p; j++) {
            coefficients[j] = beta[j + 1];
            errors[j] = Math.sqrt(covariance.getEntry(j + 1, j + 1));
        }
        return new LogisticFit(beta[0], coefficients, errors, iteration);
    }

    private static DecompositionSolver solver(RealMatrix matrix) {
        try {
            return new CholeskyDecomposition(matrix).getSolver();
        } catch (NonPositiveDefiniteMatrixException e) {
            // only without a penalty and with a constant or duplicated attribute
            return new SingularValueDecomposition(matrix).getSolver();
        }
    }

    private static double[] gradient(double[][] x, int[] y, double[] beta, double l2) {
        double[] g = new double[beta.length];
        for (int i = 0; i < x.length; i++) {
            double residual = y[i] - probability(x[i], beta);
            g[0] += residual;
            for (int j = 0; j < x[i].length; j++) {
                g[j + 1] += residual * x[i][j];
            }
        }
        for (int j = 1; j < beta.length; j++) {
            g[j] -= l2 * beta[j];
        }
        return g;
    }

    /** Observed information: X'WX plus the penalty on the diagonal (the negated Hessian). */
    private static RealMatrix information(double[][] x, double[] beta, double l2) {
        int size = beta.length;
        double[][] h = new double[size][size];
        double[] row = new double[size];
        row[0] = 1.0;
        for (double[] xi : x) {
            System.arraycopy(xi, 0, row, 1, xi.length);
            double mu = probability(xi, beta);
            double w = mu * (1 - mu);
            for (int a = 0; a < size; a++) {
                double wa = w * row[a];
                for (int b = 0; b <= a; b++) {
                    h[a][b] += wa * row[b];
                }
            }
        }
        for (int a = 0; a < size; a++) {
            for (int b = 0; b < a; b++) {
                h[b][a] = h[a][b];
            }
            if (a > 0) {
                h[a][a] += l2;
            }
        }
        return new Array2DRowRealMatrix(h, false);
    }

    private static double penalisedLogLikelihood(double[][] x, int[] y, double[] beta, double l2) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            double eta = linear(x[i], beta);
            // log(1 + e^eta) computed without overflow
            double softplus = eta > 0 ? eta + Math.log1p(Math.exp(-eta)) : Math.log1p(Math.exp(eta));
            sum += y[i] * eta - softplus;
        }
        double penalty = 0;
        for (int j = 1; j < beta.length; j++) {
            penalty += beta[j] * beta[j];
        }
        return sum - l2 * penalty / 2;
    }

    private static double linear(double[] xi, double[] beta) {
        double eta = beta[0];
        for (int j = 0; j < xi.length; j++) {
            eta += beta[j + 1] * xi[j];
        }
        return eta;
    }

    private static double probability(double[] xi, double[] beta) {
        return 1.0 / (1.0 + Math.exp(-linear(xi, beta)));
    }
}
