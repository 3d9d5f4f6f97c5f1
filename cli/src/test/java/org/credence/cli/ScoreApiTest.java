package org.credence.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.credence.scorecard.ApplicantScorer;
import org.credence.scorecard.ModelJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A lender asks for the statistical score of an applicant over HTTP, with the reasons. */
class ScoreApiTest {

    /** The credit-g data as shipped with the scorecard's tests, with its attribution beside it. */
    static final Path CREDIT_G = Path.of("..", "scorecard", "src", "test", "resources", "data", "credit-g.arff");

    @TempDir
    Path tmp;

    @Test
    void aTrainedModelScoresAnApplicantWithReasonsAndAudits() {
        Path model = tmp.resolve("model.json");
        Harness.Result trained = Harness.cli("scorecard", "train", "--data", CREDIT_G.toString(), "--target", "class",
                "--out", model.toString());
        assertThat(trained.exit()).as(trained.err()).isZero();

        try (Harness harness = new Harness(tmp.resolve("data"))) {
            String lender = harness.key("partner", "city-bank");
            String auditor = harness.key("auditor", "audit");
            Http http = harness.start(new ApplicantScorer(ModelJson.read(model)));

            // The first applicant of credit-g, with the protected attributes sent along: they are ignored.
            String applicant = "{\"checking_status\":\"<0\",\"duration\":6,\"credit_history\":\"critical/other existing credit\","
                    + "\"purpose\":\"radio/tv\",\"credit_amount\":1169,\"savings_status\":\"no known savings\","
                    + "\"employment\":\">=7\",\"installment_commitment\":4,\"personal_status\":\"male single\","
                    + "\"other_parties\":\"none\",\"residence_since\":4,\"property_magnitude\":\"real estate\",\"age\":67,"
                    + "\"other_payment_plans\":\"none\",\"housing\":\"own\",\"existing_credits\":2,\"job\":\"skilled\","
                    + "\"num_dependents\":1,\"own_telephone\":\"yes\",\"foreign_worker\":\"yes\"}";
            Http.Reply reply = http.post("/api/v1/scores", lender,
                    "{\"subject\":\"" + Harness.PERSON + "\",\"purpose\":\"loan application\",\"applicant\":" + applicant + "}");

            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            JsonNode scored = reply.json();
            assertThat(scored.path("score").asInt()).isBetween(350, 950);
            assertThat(scored.path("probability_bad").asDouble()).isBetween(0.0, 1.0);
            assertThat(scored.path("reasons").size()).isBetween(1, 4);

            Http.Reply missing = http.post("/api/v1/scores", lender,
                    "{\"subject\":\"" + Harness.PERSON + "\",\"purpose\":\"loan\",\"applicant\":{\"duration\":6}}");
            assertThat(missing.status()).isEqualTo(400);
            assertThat(missing.json().path("problems").get(0).path("field").asText()).startsWith("applicant.");

            assertThat(http.get("/api/v1/audit?subject=" + Harness.PERSON, auditor).json().path("entries")
                    .findValuesAsText("action")).contains("score");
        }
    }
}
