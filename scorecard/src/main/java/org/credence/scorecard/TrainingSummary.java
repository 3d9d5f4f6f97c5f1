package org.credence.scorecard;

import java.util.List;
import org.credence.scorecard.model.SelectionOutcome;
import org.credence.scorecard.validation.CrossValidationResult;

/**
 * How the scorecard came about: the data, what happened to every candidate attribute, which
 * protected attributes were present and left out, and the cross-validated performance (null until
 * validation has run).
 */
public record TrainingSummary(
        String data,
        int rows,
        int bads,
        List<SelectionOutcome> candidates,
        List<String> protectedLeftOut,
        CrossValidationResult crossValidation) {

    public TrainingSummary {
        candidates = List.copyOf(candidates);
        protectedLeftOut = List.copyOf(protectedLeftOut);
    }

    public TrainingSummary withCrossValidation(CrossValidationResult result) {
        return new TrainingSummary(data, rows, bads, candidates, protectedLeftOut, result);
    }
}
