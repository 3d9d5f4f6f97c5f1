package org.credence.scorecard.report;

import java.util.List;
import org.credence.scorecard.validation.CalibrationBand;
import org.credence.scorecard.validation.ClassifierMetrics;
import org.credence.scorecard.validation.CrossValidationResult;

/**
 * The performance section of a report: on the data scored now (in-sample if it is the training
 * data) and, from the model file, the cross-validated figures of its training.
 */
public record ReportMetrics(
        String data,
        int applicants,
        int bads,
        ClassifierMetrics onThisData,
        List<CalibrationBand> calibration,
        CrossValidationResult crossValidation) {

    public ReportMetrics {
        calibration = List.copyOf(calibration);
    }
}
