package org.credence.scorecard.cli;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/** One line of {@code score --json}. */
@JsonPropertyOrder({"row", "score", "probability_bad", "reasons"})
record ScoreLine(int row, int score, @JsonProperty("probability_bad") double probabilityBad, List<String> reasons) {
}
