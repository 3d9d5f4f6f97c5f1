package org.credence.scorecard.binning;

/** Weight of evidence per bin, the attribute's information value, and whether counts were smoothed. */
public record WoeTable(double[] woe, double informationValue, boolean smoothed) {
}
