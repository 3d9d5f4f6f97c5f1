package org.credence.scorecard.validation;

import java.util.List;

/**
 * Cross-validated performance: per fold, their mean and standard deviation, the metrics of all
 * out-of-fold predictions pooled, and the calibration of the pooled out-of-fold scores.
 */
public record CrossValidationResult(
        int folds,
        long seed,
        ClassifierMetrics mean,
        ClassifierMetrics standardDeviation,
        ClassifierMetrics pooled,
        List<ClassifierMetrics> perFold,
        List<CalibrationBand> calibration) {

    public CrossValidationResult {
        perFold = List.copyOf(perFold);
        calibration = List.copyOf(calibration);
    }
}
