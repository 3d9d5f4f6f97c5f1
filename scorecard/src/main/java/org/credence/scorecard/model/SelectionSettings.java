package org.credence.scorecard.model;

/**
 * Which attributes a scorecard keeps.
 *
 * @param minInformationValue attributes below this information value are dropped before fitting
 * @param maxPValue           attributes whose Wald p-value stays above this are dropped, one at a time
 * @param l2                  ridge penalty of the logistic regression
 */
public record SelectionSettings(double minInformationValue, double maxPValue, double l2) {
    public static final SelectionSettings DEFAULT = new SelectionSettings(0.02, 0.20, 1.0);

    public SelectionSettings {
        if (minInformationValue < 0 || maxPValue <= 0 || maxPValue > 1 || l2 < 0) {
            throw new IllegalArgumentException("invalid selection settings");
        }
    }
}
