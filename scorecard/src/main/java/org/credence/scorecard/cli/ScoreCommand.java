package org.credence.scorecard.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import org.credence.scorecard.ModelJson;
import org.credence.scorecard.ScoredApplicant;
import org.credence.scorecard.Scorecard;
import org.credence.scorecard.Scoring;
import org.credence.scorecard.data.DatasetReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code credence scorecard score}: a score, a probability and reasons per applicant. */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = "Score every row of a data file with a trained model, with the reasons that cost most points.")
final class ScoreCommand extends ScorecardSubcommand {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--model", required = true, paramLabel = "MODEL.json", description = "a model written by train")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "applicants, .arff or .csv")
    Path data;

    @Option(names = "--json", description = "one JSON object per line instead of a table")
    boolean json;

    @Override
    void run() {
        Scorecard scorecard = ModelJson.read(model);
        PrintWriter o = out();
        if (!json) {
            o.println("row\tscore\tprobability_bad\treasons");
        }
        for (ScoredApplicant applicant : Scoring.scoreAll(scorecard, DatasetReader.read(data))) {
            double probability = Math.round(applicant.probabilityBad() * 10_000) / 10_000.0;
            if (json) {
                try {
                    o.println(JSON.writeValueAsString(
                            new ScoreLine(applicant.row(), applicant.score(), probability, applicant.reasons())));
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException("a score line could not be written as JSON", e);
                }
            } else {
                o.printf(Locale.ROOT, "%d\t%d\t%.4f\t%s%n", applicant.row(), applicant.score(), probability,
                        String.join("; ", applicant.reasons()));
            }
        }
        o.flush();
    }
}
