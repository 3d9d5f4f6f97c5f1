package org.credence.scorecard.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import org.credence.scorecard.ModelJson;
import org.credence.scorecard.Scorecard;
import org.credence.scorecard.data.DatasetReader;
import org.credence.scorecard.data.LabelledDataset;
import org.credence.scorecard.fairness.ViewReport;
import org.credence.scorecard.report.Report;
import org.credence.scorecard.report.ReportWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code credence scorecard report}: scorecard table, metrics, fairness and a plot, as files. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write the scorecard CSV, metrics, calibration, fairness report and score-distribution plot for labelled data.")
final class ReportCommand extends ScorecardSubcommand {
    @Option(names = "--model", required = true, paramLabel = "MODEL.json", description = "a model written by train")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "FILE",
            description = "applicants with their outcome (the model's target column) and protected attributes")
    Path data;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "directory for the report files")
    Path out;

    @Option(names = "--cutoff", paramLabel = "SCORE",
            description = "approve at or above this score (default: the score at odds of 2 goods to 1 bad, 550 on the standard scale)")
    Integer cutoff;

    @Override
    void run() {
        Scorecard scorecard = ModelJson.read(model);
        LabelledDataset labelled = LabelledDataset.of(DatasetReader.read(data), scorecard.target(), scorecard.badLabel());
        int chosen = cutoff != null ? cutoff : (int) Math.round(scorecard.scale().unclamped(Math.log(2)));
        Report report = ReportWriter.write(scorecard, labelled, chosen, out);
        PrintWriter o = out();
        o.printf(Locale.ROOT, "scored %d applicants: AUC %.4f, KS %.4f, Brier %.4f on this data%n",
                labelled.rows(), report.metrics().onThisData().auc(), report.metrics().onThisData().ks(),
                report.metrics().onThisData().brier());
        o.printf(Locale.ROOT, "cut-off %d approves %.1f%%%n", chosen, report.fairness().approvalRate() * 100);
        for (ViewReport view : report.fairness().views()) {
            o.printf(Locale.ROOT, "  %-28s lowest disparate-impact ratio %.2f: %s%n", view.title(),
                    view.lowestRatio(), view.passesFourFifths() ? "passes the four-fifths rule" : "FAILS the four-fifths rule");
        }
        for (Path file : report.files()) {
            o.println("wrote " + file);
        }
        o.flush();
    }
}
