package org.credence.scorecard.model;

/** What attribute selection decided about one candidate, and why, in words for the report. */
public record SelectionOutcome(String attribute, double informationValue, boolean selected, String reason) {
}
