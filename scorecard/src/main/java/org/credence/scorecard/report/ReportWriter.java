package org.credence.scorecard.report;

import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.credence.scorecard.CrossValidation;
import org.credence.scorecard.FairnessNotes;
import org.credence.scorecard.ModelJson;
import org.credence.scorecard.ScoredApplicant;
import org.credence.scorecard.Scorecard;
import org.credence.scorecard.ScorecardAttribute;
import org.credence.scorecard.ScorecardException;
import org.credence.scorecard.Scoring;
import org.credence.scorecard.data.LabelledDataset;
import org.credence.scorecard.fairness.FairnessAnalysis;
import org.credence.scorecard.fairness.FairnessReport;
import org.credence.scorecard.fairness.FairnessView;
import org.credence.scorecard.validation.CalibrationTable;
import org.credence.scorecard.validation.Metrics;

/**
 * Writes the report of a scorecard on a labelled data set into a directory: the scorecard table,
 * the metrics and calibration, the fairness report, a score-distribution plot, and a Markdown page
 * that puts them together for a reader.
 */
public final class ReportWriter {
    public static final String SCORECARD_CSV = "scorecard.csv";
    public static final String METRICS_JSON = "metrics.json";
    public static final String CALIBRATION_CSV = "calibration.csv";
    public static final String FAIRNESS_JSON = "fairness.json";
    public static final String FAIRNESS_CSV = "fairness.csv";
    public static final String DISTRIBUTION_SVG = "score-distribution.svg";
    public static final String REPORT_MD = "report.md";

    private ReportWriter() {
    }

    public static Report write(Scorecard scorecard, LabelledDataset data, int cutoff, Path directory) {
        List<ScoredApplicant> scored = Scoring.scoreAll(scorecard, data.features());
        int[] scores = scored.stream().mapToInt(ScoredApplicant::score).toArray();
        double[] probabilityBad = scored.stream().mapToDouble(ScoredApplicant::probabilityBad).toArray();
        ReportMetrics metrics = new ReportMetrics(data.features().source(), data.rows(), data.bads(),
                Metrics.of(probabilityBad, data.bad()),
                CalibrationTable.byScoreBand(scores, probabilityBad, data.bad(), scorecard.scale().minScore(),
                        scorecard.scale().maxScore(), CrossValidation.BAND_WIDTH),
                scorecard.training() == null ? null : scorecard.training().crossValidation());
        List<String> used = scorecard.attributes().stream().map(ScorecardAttribute::name).toList();
        FairnessReport fairness = FairnessAnalysis.analyse(data.features(), data.bad(), scores, probabilityBad, cutoff,
                FairnessView.standard(), used, FairnessNotes.of(scorecard));
        List<Path> files = new ArrayList<>();
        try {
            Files.createDirectories(directory);
            ObjectWriter json = ModelJson.mapper().writerWithDefaultPrettyPrinter();
            files.add(write(directory.resolve(SCORECARD_CSV), path -> CsvFiles.scorecard(scorecard, path)));
            files.add(write(directory.resolve(METRICS_JSON), path -> json.writeValue(path.toFile(), metrics)));
            files.add(write(directory.resolve(CALIBRATION_CSV), path -> CsvFiles.calibration(metrics.calibration(), path)));
            files.add(write(directory.resolve(FAIRNESS_JSON), path -> json.writeValue(path.toFile(), fairness)));
            files.add(write(directory.resolve(FAIRNESS_CSV), path -> CsvFiles.fairness(fairness, path)));
            String svg = ScoreDistributionSvg.render(scores, data.bad(), scorecard.scale().minScore(),
                    scorecard.scale().maxScore(), cutoff, "Scores by outcome, " + data.rows() + " applicants");
            files.add(write(directory.resolve(DISTRIBUTION_SVG), path -> Files.writeString(path, svg, StandardCharsets.UTF_8)));
            String page = ReportMarkdown.render(scorecard, metrics, fairness);
            files.add(write(directory.resolve(REPORT_MD), path -> Files.writeString(path, page, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new ScorecardException(directory + ": the report cannot be written: " + e.getMessage());
        }
        return new Report(metrics, fairness, files);
    }

    private interface FileWrite {
        void to(Path path) throws IOException;
    }

    private static Path write(Path path, FileWrite write) throws IOException {
        write.to(path);
        return path;
    }
}
