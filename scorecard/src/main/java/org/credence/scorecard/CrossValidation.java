package org.credence.scorecard;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.credence.scorecard.data.LabelledDataset;
import org.credence.scorecard.validation.CalibrationTable;
import org.credence.scorecard.validation.ClassifierMetrics;
import org.credence.scorecard.validation.CrossValidationResult;
import org.credence.scorecard.validation.Metrics;
import org.credence.scorecard.validation.StratifiedFolds;

/**
 * Stratified k-fold cross-validation of the whole training procedure. Every fold re-bins, re-selects
 * and refits on its training part only, so no held-out applicant has influenced a bin edge or a WoE
 * that is then used to score it; the figures are those of the procedure, not of one lucky model.
 */
public final class CrossValidation {
    /** Width of the score bands of the calibration table. */
    public static final int BAND_WIDTH = 50;

    private CrossValidation() {
    }

    /** Out-of-fold predictions: each row scored by the model of the fold that did not see it. */
    public record Run(CrossValidationResult result, int[] fold, double[] probabilityBad, int[] scores) {
    }

    public static Run run(LabelledDataset data, TrainingSpec spec, int folds, long seed) {
        int[] fold = StratifiedFolds.assign(data.bad(), folds, seed);
        double[] probabilityBad = new double[data.rows()];
        int[] scores = new int[data.rows()];
        List<ClassifierMetrics> perFold = new ArrayList<>(folds);
        for (int k = 0; k < folds; k++) {
            int[] trainRows = StratifiedFolds.rows(fold, k, false);
            int[] testRows = StratifiedFolds.rows(fold, k, true);
            Scorecard scorecard = ScorecardTrainer.train(data.select(trainRows), spec);
            CompiledScorecard compiled = scorecard.compile();
            LabelledDataset test = data.select(testRows);
            double[][] applicants = ApplicantEncoder.encode(scorecard, test.features());
            double[] foldProbability = new double[testRows.length];
            int[] bins = new int[compiled.attributes()];
            for (int i = 0; i < testRows.length; i++) {
                compiled.assignBins(applicants[i], bins);
                foldProbability[i] = compiled.probabilityBad(bins);
                probabilityBad[testRows[i]] = foldProbability[i];
                scores[testRows[i]] = compiled.score(bins);
            }
            perFold.add(Metrics.of(foldProbability, test.bad()));
        }
        ClassifierMetrics mean = new ClassifierMetrics(
                mean(perFold, ClassifierMetrics::auc), mean(perFold, ClassifierMetrics::ks),
                mean(perFold, ClassifierMetrics::gini), mean(perFold, ClassifierMetrics::brier));
        ClassifierMetrics sd = new ClassifierMetrics(
                sd(perFold, ClassifierMetrics::auc), sd(perFold, ClassifierMetrics::ks),
                sd(perFold, ClassifierMetrics::gini), sd(perFold, ClassifierMetrics::brier));
        ClassifierMetrics pooled = Metrics.of(probabilityBad, data.bad());
        var calibration = CalibrationTable.byScoreBand(scores, probabilityBad, data.bad(), spec.scale().minScore(),
                spec.scale().maxScore(), BAND_WIDTH);
        CrossValidationResult result = new CrossValidationResult(folds, seed, mean, sd, pooled, perFold, calibration);
        return new Run(result, fold, probabilityBad, scores);
    }

    private static double mean(List<ClassifierMetrics> values, ToDoubleFunction<ClassifierMetrics> f) {
        return values.stream().mapToDouble(f).average().orElse(Double.NaN);
    }

    private static double sd(List<ClassifierMetrics> values, ToDoubleFunction<ClassifierMetrics> f) {
        double mean = mean(values, f);
        double sum = values.stream().mapToDouble(f).map(v -> (v - mean) * (v - mean)).sum();
        return Math.sqrt(sum / Math.max(1, values.size() - 1));
    }
}
