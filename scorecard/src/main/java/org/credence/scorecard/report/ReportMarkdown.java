package org.credence.scorecard.report;

import java.util.Locale;
import org.credence.scorecard.Scorecard;
import org.credence.scorecard.ScorecardAttribute;
import org.credence.scorecard.ScorecardBin;
import org.credence.scorecard.fairness.FairnessReport;
import org.credence.scorecard.fairness.GroupOutcome;
import org.credence.scorecard.fairness.ViewReport;
import org.credence.scorecard.model.SelectionOutcome;
import org.credence.scorecard.validation.CalibrationBand;
import org.credence.scorecard.validation.ClassifierMetrics;
import org.credence.scorecard.validation.CrossValidationResult;

/** The report page in Markdown: what an auditor reads first. */
public final class ReportMarkdown {
    private ReportMarkdown() {
    }

    public static String render(Scorecard scorecard, ReportMetrics metrics, FairnessReport fairness) {
        StringBuilder md = new StringBuilder();
        md.append("# Scorecard report\n\n");
        md.append(String.format(Locale.ROOT, "Data: `%s`, %d applicants, %d bad (%s).%n%n", metrics.data(),
                metrics.applicants(), metrics.bads(), percent((double) metrics.bads() / Math.max(1, metrics.applicants()))));
        md.append("Scale: ").append(scorecard.scale().describe()).append(". ");
        md.append("The score is the sum of the points of the applicant's bins, one per attribute.\n\n");
        md.append(table(scorecard));
        md.append(selection(scorecard));
        md.append(performance(metrics));
        md.append(fairness(fairness));
        md.append("## Score distribution\n\n![scores by outcome](").append(ReportWriter.DISTRIBUTION_SVG).append(")\n");
        return md.toString();
    }

    /** The published scorecard: attribute, bin and points. */
    public static String table(Scorecard scorecard) {
        StringBuilder md = new StringBuilder("## Scorecard\n\n| attribute | bin | points | goods | bads | WoE |\n|---|---|---:|---:|---:|---:|\n");
        for (ScorecardAttribute attribute : scorecard.attributes()) {
            for (ScorecardBin bin : attribute.bins()) {
                md.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %d | %.3f |%n", attribute.name(),
                        bin.phrase().replace("|", "\\|"), bin.points(), bin.goods(), bin.bads(), bin.woe()));
            }
        }
        return md.append('\n').toString();
    }

    private static String selection(Scorecard scorecard) {
        if (scorecard.training() == null) {
            return "";
        }
        StringBuilder md = new StringBuilder("## Attributes considered\n\n| attribute | IV | decision |\n|---|---:|---|\n");
        for (SelectionOutcome outcome : scorecard.training().candidates()) {
            md.append(String.format(Locale.ROOT, "| %s | %.3f | %s |%n", outcome.attribute(),
                    outcome.informationValue(), outcome.reason()));
        }
        for (String name : scorecard.training().protectedLeftOut()) {
            md.append(String.format(Locale.ROOT, "| %s | – | protected: never considered |%n", name));
        }
        return md.append('\n').toString();
    }

    private static String performance(ReportMetrics metrics) {
        StringBuilder md = new StringBuilder("## Performance\n\n| measure | AUC | KS | Gini | Brier |\n|---|---:|---:|---:|---:|\n");
        CrossValidationResult cv = metrics.crossValidation();
        if (cv != null) {
            md.append(row(cv.folds() + "-fold cross-validation, mean of folds (seed " + cv.seed() + ")", cv.mean()));
            md.append(row("standard deviation across folds", cv.standardDeviation()));
            md.append(row("cross-validation, all out-of-fold predictions pooled", cv.pooled()));
        }
        md.append(row("this data, scored by the final model", metrics.onThisData()));
        md.append("\n### Calibration on this data\n\n| score band | applicants | bads | observed bad rate | predicted bad rate |\n|---|---:|---:|---:|---:|\n");
        for (CalibrationBand band : metrics.calibration()) {
            md.append(String.format(Locale.ROOT, "| %d–%d | %d | %d | %s | %s |%n", band.from(), band.to() - 1,
                    band.applicants(), band.bads(), percent(band.observedBadRate()), percent(band.predictedBadRate())));
        }
        return md.append('\n').toString();
    }

    private static String row(String label, ClassifierMetrics m) {
        return String.format(Locale.ROOT, "| %s | %.4f | %.4f | %.4f | %.4f |%n", label, m.auc(), m.ks(), m.gini(), m.brier());
    }

    /** The fairness section: per view, the groups at the cut-off and the four-fifths verdict. */
    public static String fairness(FairnessReport report) {
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "## Fairness at cut-off %d%n%nApproved (score at or above the cut-off): %s of %d.%n%n",
                report.cutoff(), percent(report.approvalRate()), report.applicants()));
        for (String note : report.notes()) {
            md.append("- ").append(note).append('\n');
        }
        md.append('\n');
        for (ViewReport view : report.views()) {
            md.append(String.format(Locale.ROOT, "### %s (`%s`%s)%n%n", view.title(), view.attribute(),
                    view.usedByScorecard() ? ", used by the scorecard" : ", not used by the scorecard"));
            md.append("| group | applicants | approval rate | bad rate | mean score | AUC | disparate impact |\n|---|---:|---:|---:|---:|---:|---:|\n");
            for (GroupOutcome group : view.groups()) {
                md.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %.0f | %s | %.2f%s |%n", group.group(),
                        group.applicants(), percent(group.approvalRate()), percent(group.badRate()), group.meanScore(),
                        group.auc() == null ? "–" : String.format(Locale.ROOT, "%.3f", group.auc()),
                        group.disparateImpact(), group.belowFourFifths() ? " (below 0.8)" : ""));
            }
            md.append(String.format(Locale.ROOT, "%nLowest ratio %.2f: %s.%n%n", view.lowestRatio(),
                    view.passesFourFifths() ? "passes the four-fifths rule" : "fails the four-fifths rule"));
        }
        return md.toString();
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }
}
