package org.credence.scorecard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.credence.scorecard.data.LabelledDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelJsonTest {

    @Test
    void aModelReadBackScoresEveryApplicantIdentically(@TempDir Path dir) {
        LabelledDataset data = CreditG.labelled();
        Scorecard trained = ScorecardTrainer.train(data, TrainingSpec.standard());
        Path file = dir.resolve("model.json");

        ModelJson.write(trained, file);
        Scorecard read = ModelJson.read(file);

        assertThat(read).isEqualTo(trained);
        CompiledScorecard before = trained.compile();
        CompiledScorecard after = read.compile();
        double[][] applicants = ApplicantEncoder.encode(read, data.features());
        int[] binsBefore = new int[before.attributes()];
        int[] binsAfter = new int[after.attributes()];
        for (double[] applicant : applicants) {
            before.assignBins(applicant, binsBefore);
            after.assignBins(applicant, binsAfter);
            assertThat(binsAfter).isEqualTo(binsBefore);
            assertThat(after.score(binsAfter)).isEqualTo(before.score(binsBefore));
            assertThat(after.probabilityBad(binsAfter)).isEqualTo(before.probabilityBad(binsBefore));
        }
        assertThat(Scoring.scoreAll(read, data.features())).isEqualTo(Scoring.scoreAll(trained, data.features()));
    }

    @Test
    void theFileIsReadableJsonWithBinKinds() {
        String json = ModelJson.write(HandMadeScorecard.build());

        assertThat(json).contains("\"kind\" : \"range\"", "\"kind\" : \"categories\"", "\"kind\" : \"other\"");
        assertThat(ModelJson.read(json, "m.json")).isEqualTo(HandMadeScorecard.build());
    }

    @Test
    void aBrokenOrForeignFileIsReportedInOneLine(@TempDir Path dir) throws Exception {
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"formatVersion\": 1, \"attributes\": [");

        assertThatThrownBy(() -> ModelJson.read(broken)).isInstanceOf(ScorecardException.class)
                .hasMessageStartingWith(broken + ": not a scorecard model");
        assertThatThrownBy(() -> ModelJson.read(dir.resolve("absent.json")))
                .hasMessage(dir.resolve("absent.json") + ": no such file");
        String future = ModelJson.write(HandMadeScorecard.build()).replace("\"formatVersion\" : 1", "\"formatVersion\" : 99");
        assertThatThrownBy(() -> ModelJson.read(future, "m.json")).hasMessageContaining("model format 99 is not supported");
    }
}
