package org.credence.scorecard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.credence.scorecard.CreditG;
import org.credence.scorecard.ModelJson;
import org.credence.scorecard.Scorecard;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ScorecardCommandTest {
    @TempDir
    static Path dir;
    static Path data;
    static Path model;
    static Result trained;

    record Result(int exitCode, String out, String err) {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new ScorecardCommand());
        command.setOut(new PrintWriter(out));
        command.setErr(new PrintWriter(err));
        int code = command.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    @BeforeAll
    static void train() throws Exception {
        data = CreditG.file(dir);
        model = dir.resolve("model.json");
        trained = run("train", "--data", data.toString(), "--target", "class", "--out", model.toString(), "--seed", "42");
    }

    @Test
    void trainPrintsTheCrossValidatedMetricsAndWritesTheModel() {
        assertThat(trained.exitCode()).as(trained.err()).isZero();
        assertThat(trained.out()).contains("stratified 10-fold cross-validation, seed 42", "AUC    0.7", "KS ", "Gini ",
                "Brier ", "protected, never used: personal_status, foreign_worker", "model written to");
        Scorecard scorecard = ModelJson.read(model);
        assertThat(scorecard.training().crossValidation().mean().auc()).isGreaterThanOrEqualTo(0.78);
        assertThat(scorecard.training().crossValidation().seed()).isEqualTo(42);
    }

    @Test
    void scorePrintsOneJsonObjectPerApplicant() throws Exception {
        Result result = run("score", "--model", model.toString(), "--data", data.toString(), "--json");

        assertThat(result.exitCode()).as(result.err()).isZero();
        List<String> lines = result.out().lines().toList();
        assertThat(lines).hasSize(1000);
        JsonNode second = new ObjectMapper().readTree(lines.get(1));
        assertThat(second.fieldNames()).toIterable().containsExactly("row", "score", "probability_bad", "reasons");
        assertThat(second.get("row").asInt()).isEqualTo(2);
        assertThat(second.get("score").asInt()).isBetween(350, 950);
        assertThat(second.get("probability_bad").asDouble()).isBetween(0.0, 1.0);
        assertThat(second.get("reasons")).hasSize(4);
        assertThat(second.get("reasons").get(0).asText()).startsWith("duration of the loan");
    }

    @Test
    void scoreWithoutJsonPrintsATable() {
        Result result = run("score", "--model", model.toString(), "--data", data.toString());

        assertThat(result.exitCode()).isZero();
        assertThat(result.out().lines().findFirst()).hasValue("row\tscore\tprobability_bad\treasons");
        assertThat(result.out().lines()).hasSize(1001);
    }

    @Test
    void reportWritesTheFilesAndSummarisesFairness() {
        Path out = dir.resolve("report");

        Result result = run("report", "--model", model.toString(), "--data", data.toString(), "--out", out.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("cut-off 550 approves", "foreign worker", "four-fifths rule");
        assertThat(out.resolve("scorecard.csv")).exists();
        assertThat(out.resolve("fairness.csv")).exists();
        assertThat(out.resolve("score-distribution.svg")).exists();
        assertThat(out.resolve("report.md")).exists();
    }

    @Test
    void askingForAProtectedAttributeIsRefusedInOneLine() {
        Result result = run("train", "--data", data.toString(), "--target", "class", "--out",
                dir.resolve("refused.json").toString(), "--attributes", "duration,foreign_worker");

        assertThat(result.exitCode()).isEqualTo(ScorecardSubcommand.REFUSED);
        assertThat(result.err().lines()).singleElement().asString()
                .isEqualTo("credence scorecard train: 'foreign_worker' is a protected attribute (it stands for national origin)"
                        + " and a scorecard may not use it");
        assertThat(dir.resolve("refused.json")).doesNotExist();
    }

    @Test
    void badInputFailsWithOneClearLine() throws Exception {
        Result missing = run("score", "--model", dir.resolve("nope.json").toString(), "--data", data.toString());
        assertThat(missing.exitCode()).isEqualTo(ScorecardSubcommand.INVALID_INPUT);
        assertThat(missing.err().lines()).singleElement().asString().endsWith("nope.json: no such file");

        Path csv = dir.resolve("applicants.csv");
        Files.writeString(csv, "duration,purpose\n12,radio/tv\n");
        Result noColumn = run("score", "--model", model.toString(), "--data", csv.toString());
        assertThat(noColumn.exitCode()).isEqualTo(ScorecardSubcommand.INVALID_INPUT);
        assertThat(noColumn.err().lines()).singleElement().asString()
                .contains("applicants.csv: has no column 'checking_status', which the scorecard needs");

        Result wrongTarget = run("train", "--data", data.toString(), "--target", "outcome", "--out",
                dir.resolve("x.json").toString());
        assertThat(wrongTarget.exitCode()).isEqualTo(ScorecardSubcommand.INVALID_INPUT);
        assertThat(wrongTarget.err()).contains("has no column named 'outcome'");
    }

    @Test
    void aMissingOptionIsAUsageError() {
        Result result = run("train", "--data", data.toString());

        assertThat(result.exitCode()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(result.err()).contains("Missing required options");
    }
}
