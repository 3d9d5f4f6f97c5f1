package org.credence.scorecard.validation;

/**
 * How well predicted probabilities of a bad outcome separate and fit the observed outcomes.
 *
 * @param auc   area under the ROC curve: the chance a random bad is rated riskier than a random good
 * @param ks    Kolmogorov–Smirnov: the largest gap between the score distributions of bads and goods
 * @param gini  {@code 2 * auc - 1}
 * @param brier mean squared error of the probability (lower is better; 0.21 is a constant 30%)
 */
public record ClassifierMetrics(double auc, double ks, double gini, double brier) {
}
