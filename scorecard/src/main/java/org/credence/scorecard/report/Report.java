package org.credence.scorecard.report;

import java.nio.file.Path;
import java.util.List;
import org.credence.scorecard.fairness.FairnessReport;

/** What a report run produced: its figures and the files written. */
public record Report(ReportMetrics metrics, FairnessReport fairness, List<Path> files) {
    public Report {
        files = List.copyOf(files);
    }
}
