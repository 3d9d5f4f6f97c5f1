package org.credence.scorecard.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.credence.scorecard.CreditG;
import org.credence.scorecard.Scorecard;
import org.credence.scorecard.ScorecardTrainer;
import org.credence.scorecard.TrainingSpec;
import org.credence.scorecard.data.LabelledDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class ReportWriterTest {

    @Test
    void writesEveryPartOfTheReport(@TempDir Path dir) throws Exception {
        LabelledDataset data = CreditG.labelled();
        Scorecard scorecard = ScorecardTrainer.train(data, TrainingSpec.standard());

        Report report = ReportWriter.write(scorecard, data, 550, dir);

        assertThat(report.files()).extracting(p -> p.getFileName().toString()).containsExactly(
                "scorecard.csv", "metrics.json", "calibration.csv", "fairness.json", "fairness.csv",
                "score-distribution.svg", "report.md");
        List<String> table = Files.readAllLines(dir.resolve("scorecard.csv"));
        assertThat(table.get(0)).isEqualTo("attribute,bin,points,woe,goods,bads,bad_rate");
        int rows = scorecard.attributes().stream().mapToInt(a -> a.bins().size()).sum();
        assertThat(table).hasSize(rows + 1);
        assertThat(table).anyMatch(line -> line.startsWith("duration,duration of the loan "));

        Document svg = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(dir.resolve("score-distribution.svg").toFile());
        assertThat(svg.getDocumentElement().getTagName()).isEqualTo("svg");
        // two bars per 25-point band from 350 to 950, the background and the legend swatches
        assertThat(svg.getElementsByTagName("rect").getLength()).isEqualTo(2 * 24 + 3);

        assertThat(report.fairness().views()).extracting(v -> v.attribute())
                .containsExactly("personal_status", "personal_status", "foreign_worker", "age");
        assertThat(report.fairness().notes()).anyMatch(n -> n.contains("older applicants are not scored down"));
        String page = Files.readString(dir.resolve("report.md"));
        assertThat(page).contains("## Scorecard", "## Fairness at cut-off 550", "four-fifths rule",
                "| personal_status | – | protected: never considered |");
        assertThat(Files.readString(dir.resolve("metrics.json"))).contains("\"onThisData\"", "\"calibration\"");
    }
}
