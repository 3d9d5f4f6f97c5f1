package org.credence.scorecard;

import org.credence.scorecard.binning.Bin;

/** One row of the published scorecard: a bin, its words, its training evidence and its points. */
public record ScorecardBin(Bin bin, String phrase, int goods, int bads, double woe, int points) {
}
