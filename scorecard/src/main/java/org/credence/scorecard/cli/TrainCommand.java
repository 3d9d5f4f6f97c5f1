package org.credence.scorecard.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import org.credence.scorecard.CrossValidation;
import org.credence.scorecard.ModelJson;
import org.credence.scorecard.Scorecard;
import org.credence.scorecard.ScorecardAttribute;
import org.credence.scorecard.ScorecardException;
import org.credence.scorecard.ScorecardTrainer;
import org.credence.scorecard.TrainingSpec;
import org.credence.scorecard.Vocabulary;
import org.credence.scorecard.data.DatasetReader;
import org.credence.scorecard.data.LabelledDataset;
import org.credence.scorecard.scaling.ScoreScale;
import org.credence.scorecard.validation.ClassifierMetrics;
import org.credence.scorecard.validation.CrossValidationResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code credence scorecard train}: cross-validates the procedure, then trains on all rows. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a scorecard on ARFF or CSV data, print its cross-validated performance and write the model.")
final class TrainCommand extends ScorecardSubcommand {
    @Option(names = "--data", required = true, paramLabel = "FILE", description = "training data, .arff or .csv")
    Path data;

    @Option(names = "--target", required = true, paramLabel = "COLUMN", description = "the outcome column")
    String target;

    @Option(names = "--bad", defaultValue = "bad", paramLabel = "VALUE",
            description = "the value of the target that means a bad outcome (default: ${DEFAULT-VALUE})")
    String badLabel;

    @Option(names = "--out", required = true, paramLabel = "MODEL.json", description = "where to write the model")
    Path out;

    @Option(names = "--seed", defaultValue = "42", description = "seed of the cross-validation folds (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--folds", defaultValue = "10", description = "number of cross-validation folds (default: ${DEFAULT-VALUE})")
    int folds;

    @Option(names = "--attributes", split = ",", paramLabel = "NAME",
            description = "consider only these attributes (protected attributes are refused)")
    List<String> attributes = List.of();

    @Option(names = "--exclude", split = ",", paramLabel = "NAME", description = "leave these attributes out")
    List<String> exclude = List.of();

    @Option(names = "--vocabulary", paramLabel = "FILE",
            description = "JSON file of plain words for attributes and values (default: built-in, for credit-g)")
    Path vocabulary;

    @Option(names = "--anchor-score", defaultValue = "600", description = "score at the anchor odds (default: ${DEFAULT-VALUE})")
    int anchorScore;

    @Option(names = "--anchor-odds", defaultValue = "4", description = "goods per bad at the anchor score (default: ${DEFAULT-VALUE})")
    double anchorOdds;

    @Option(names = "--pdo", defaultValue = "50", description = "points to double the odds (default: ${DEFAULT-VALUE})")
    double pdo;

    @Override
    void run() {
        if (folds < 2) {
            throw new ScorecardException("--folds must be at least 2");
        }
        ScoreScale scale;
        try {
            scale = new ScoreScale(anchorScore, anchorOdds, pdo, ScoreScale.STANDARD.minScore(), ScoreScale.STANDARD.maxScore());
        } catch (IllegalArgumentException e) {
            throw new ScorecardException("the anchor must lie in 350-950 with positive odds and points to double");
        }
        TrainingSpec trainingSpec = TrainingSpec.standard()
                .withOnly(new LinkedHashSet<>(attributes))
                .withExclude(new LinkedHashSet<>(exclude))
                .withScale(scale)
                .withVocabulary(vocabulary == null ? Vocabulary.builtIn() : Vocabulary.read(vocabulary));
        LabelledDataset labelled = LabelledDataset.of(DatasetReader.read(data), target, badLabel);
        // candidates are checked before the slow part, so a refused attribute fails at once
        trainingSpec.candidates(labelled.featureNames(), data.toString());
        CrossValidation.Run validation = CrossValidation.run(labelled, trainingSpec, folds, seed);
        Scorecard trained = ScorecardTrainer.train(labelled, trainingSpec);
        Scorecard scorecard = trained.withTraining(trained.training().withCrossValidation(validation.result()));
        ModelJson.write(scorecard, out);
        print(scorecard, labelled);
    }

    private void print(Scorecard scorecard, LabelledDataset labelled) {
        PrintWriter o = out();
        CrossValidationResult cv = scorecard.training().crossValidation();
        o.printf(Locale.ROOT, "data: %s, %d applicants, %d bad%n", data, labelled.rows(), labelled.bads());
        if (!scorecard.training().protectedLeftOut().isEmpty()) {
            o.printf(Locale.ROOT, "protected, never used: %s%n", String.join(", ", scorecard.training().protectedLeftOut()));
        }
        o.printf(Locale.ROOT, "attributes selected (%d): %s%n", scorecard.attributes().size(),
                String.join(", ", scorecard.attributes().stream().map(ScorecardAttribute::name).toList()));
        o.printf(Locale.ROOT, "stratified %d-fold cross-validation, seed %d (mean of folds ± standard deviation):%n",
                cv.folds(), cv.seed());
        ClassifierMetrics mean = cv.mean();
        ClassifierMetrics sd = cv.standardDeviation();
        o.printf(Locale.ROOT, "  AUC    %.4f ± %.4f%n", mean.auc(), sd.auc());
        o.printf(Locale.ROOT, "  KS     %.4f ± %.4f%n", mean.ks(), sd.ks());
        o.printf(Locale.ROOT, "  Gini   %.4f ± %.4f%n", mean.gini(), sd.gini());
        o.printf(Locale.ROOT, "  Brier  %.4f ± %.4f%n", mean.brier(), sd.brier());
        o.printf(Locale.ROOT, "scale: %s%n", scorecard.scale().describe());
        o.printf(Locale.ROOT, "model written to %s%n", out);
        o.flush();
    }
}
