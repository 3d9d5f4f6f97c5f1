package org.credence.scorecard.report;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.credence.scorecard.Scorecard;
import org.credence.scorecard.ScorecardAttribute;
import org.credence.scorecard.ScorecardBin;
import org.credence.scorecard.fairness.FairnessReport;
import org.credence.scorecard.fairness.GroupOutcome;
import org.credence.scorecard.fairness.ViewReport;
import org.credence.scorecard.validation.CalibrationBand;

/** The tables of a report as CSV: the scorecard, the calibration and the fairness groups. */
public final class CsvFiles {
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT;

    private CsvFiles() {
    }

    public static void scorecard(Scorecard scorecard, Path file) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            Rows csv = new Rows(out);
            csv.printRecord("attribute", "bin", "points", "woe", "goods", "bads", "bad_rate");
            for (ScorecardAttribute attribute : scorecard.attributes()) {
                for (ScorecardBin bin : attribute.bins()) {
                    int total = bin.goods() + bin.bads();
                    csv.printRecord(attribute.name(), bin.phrase(), bin.points(), fixed(bin.woe(), 4), bin.goods(),
                            bin.bads(), total == 0 ? "" : fixed((double) bin.bads() / total, 4));
                }
            }
        }
    }

    public static void calibration(List<CalibrationBand> bands, Path file) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            Rows csv = new Rows(out);
            csv.printRecord("score_from", "score_to", "applicants", "bads", "observed_bad_rate", "predicted_bad_rate");
            for (CalibrationBand band : bands) {
                csv.printRecord(band.from(), band.to(), band.applicants(), band.bads(), fixed(band.observedBadRate(), 4),
                        fixed(band.predictedBadRate(), 4));
            }
        }
    }

    public static void fairness(FairnessReport report, Path file) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            Rows csv = new Rows(out);
            csv.printRecord("view", "attribute", "group", "applicants", "approved", "approval_rate", "bad_rate",
                    "mean_score", "auc", "disparate_impact", "below_four_fifths");
            for (ViewReport view : report.views()) {
                for (GroupOutcome group : view.groups()) {
                    csv.printRecord(view.title(), view.attribute(), group.group(), group.applicants(), group.approved(),
                            fixed(group.approvalRate(), 4), fixed(group.badRate(), 4), fixed(group.meanScore(), 1),
                            group.auc() == null ? "" : fixed(group.auc(), 4), fixed(group.disparateImpact(), 4),
                            group.belowFourFifths());
                }
            }
        }
    }

    /** Writes records through {@link CSVFormat#format}, which quotes each field as needed. */
    private record Rows(Writer out) {
        void printRecord(Object... values) throws IOException {
            out.write(FORMAT.format(values));
            out.write('\n');
        }
    }

    static String fixed(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }
}
