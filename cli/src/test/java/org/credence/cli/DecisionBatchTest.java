package org.credence.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.credence.cli.Harness.ORGANIZATION;
import static org.credence.cli.Harness.PERSON;
import static org.credence.cli.Harness.record;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /api/v1/decisions/batch}: many decisions in one request, each answered and audited as a single one. */
class DecisionBatchTest {

    @TempDir
    Path tmp;

    Harness harness;
    Http http;
    String agency;
    String partner;
    String auditor;

    @BeforeEach
    void start() {
        harness = new Harness(tmp.resolve("data"));
        agency = harness.key("agency", "court");
        partner = harness.key("partner", "airline", "travel.air.ticket", "finance.loan");
        auditor = harness.key("auditor", "audit");
        http = harness.start();
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    private static String entry(String subject, String action) {
        return "{\"subject\":\"" + subject + "\",\"action\":\"" + action + "\"}";
    }

    private Http.Reply batch(String... entries) {
        return http.post("/api/v1/decisions/batch", partner,
                "{\"purpose\":\"ticket sale\",\"requests\":[" + String.join(",", entries) + "]}");
    }

    @Test
    void eachRequestIsAnsweredInOrderLikeASingleDecisionAndAuditedOnce() {
        http.post("/api/v1/records", agency, record("court-1", "J-1", PERSON, "person", "court.judgment_default", "2026-03-01"));

        Http.Reply reply = batch(entry(PERSON, "travel.air.ticket"), entry(ORGANIZATION, "travel.air.ticket"),
                entry(PERSON, "finance.loan"));

        assertThat(reply.status()).isEqualTo(200);
        JsonNode decisions = reply.json().path("decisions");
        assertThat(decisions).hasSize(3);
        JsonNode single = http.post("/api/v1/decisions", partner,
                "{\"subject\":\"" + PERSON + "\",\"action\":\"travel.air.ticket\",\"purpose\":\"ticket sale\"}").json();
        for (String field : new String[] {"decision", "action", "measures"}) {
            assertThat(decisions.get(0).path(field)).isEqualTo(single.path(field));
        }
        assertThat(decisions.get(0).path("decision").asText()).isEqualTo("deny");
        assertThat(decisions.get(0).path("measures").get(0).path("until").asText()).isEqualTo("2028-03-01");
        assertThat(decisions.get(1).path("decision").asText()).isEqualTo("allow");
        assertThat(decisions.get(2).path("action").asText()).isEqualTo("finance.loan");
        assertThat(decisions.get(2).path("decision").asText()).isEqualTo("review");
        Set<String> ids = new HashSet<>();
        decisions.forEach(d -> ids.add(d.path("decision_id").asText()));
        assertThat(ids).hasSize(3).doesNotContain("");
        // Minimal: never points, grade or records.
        assertThat(decisions.get(0).has("points")).isFalse();

        JsonNode trail = http.get("/api/v1/audit", auditor).json().path("entries");
        Set<String> logged = new HashSet<>();
        trail.forEach(e -> {
            if (e.path("action").asText().equals("decision") && e.path("actor").asText().equals("airline")) {
                logged.add("d-" + e.path("seq").asText());
            }
        });
        assertThat(logged).containsAll(ids).hasSize(4);
        // The batch's decisions are counted by outcome, and the single decision with them.
        assertThat(http.get("/metrics", null).body()).contains("credence_decisions_total{outcome=\"deny\"} 2.0",
                "credence_decisions_total{outcome=\"allow\"} 1.0", "credence_decisions_total{outcome=\"review\"} 1.0");
    }

    @Test
    void aBatchWithABadEntryIsRefusedWholeNamingTheIndexAndField() {
        Http.Reply badSubject = batch(entry(PERSON, "travel.air.ticket"), entry("11010519491231002Y", "travel.air.ticket"));
        assertThat(badSubject.status()).isEqualTo(400);
        assertThat(badSubject.json().path("problems").get(0).path("field").asText()).isEqualTo("requests[1].subject");
        assertThat(badSubject.json().path("problems").get(0).path("reason").asText()).contains("check character");

        Http.Reply badAction = batch(entry(PERSON, "travel.air.ticket"), entry(PERSON, "travel.air.ticket"),
                entry(PERSON, "travel.teleport"));
        assertThat(badAction.json().path("problems").get(0).path("field").asText()).isEqualTo("requests[2].action");

        Http.Reply missing = batch("{\"subject\":\"" + PERSON + "\"}");
        assertThat(missing.json().path("problems").get(0).path("field").asText()).isEqualTo("requests[0].action");

        Http.Reply extra = batch("{\"subject\":\"" + PERSON + "\",\"action\":\"finance.loan\",\"show_score\":true}");
        assertThat(extra.json().path("problems").get(0).path("field").asText()).isEqualTo("requests[0].show_score");

        Http.Reply notObject = batch("42");
        assertThat(notObject.json().path("problems").get(0).path("field").asText()).isEqualTo("requests[0]");

        Http.Reply noPurpose = http.post("/api/v1/decisions/batch", partner, "{\"requests\":[" + entry(PERSON, "finance.loan") + "]}");
        assertThat(noPurpose.status()).isEqualTo(400);
        assertThat(noPurpose.json().path("problems").get(0).path("field").asText()).isEqualTo("purpose");

        assertThat(batch().json().path("problems").get(0).path("field").asText()).isEqualTo("requests");

        String tooMany = IntStream.range(0, 1_001).mapToObj(i -> entry(PERSON, "finance.loan")).collect(Collectors.joining(","));
        Http.Reply over = batch(tooMany);
        assertThat(over.status()).isEqualTo(400);
        assertThat(over.json().path("problems").get(0).path("reason").asText()).contains("at most 1000");

        String full = IntStream.range(0, 1_000).mapToObj(i -> entry(PERSON, "finance.loan")).collect(Collectors.joining(","));
        assertThat(batch(full).json().path("decisions")).hasSize(1_000);
    }

    @Test
    void onlyPartnersAskAndOnlyAboutTheirActions() {
        String body = "{\"purpose\":\"x\",\"requests\":[" + entry(PERSON, "travel.air.ticket") + "]}";
        assertThat(http.post("/api/v1/decisions/batch", null, body).status()).isEqualTo(401);
        assertThat(http.post("/api/v1/decisions/batch", agency, body).status()).isEqualTo(403);

        Http.Reply hotel = batch(entry(PERSON, "travel.air.ticket"), entry(PERSON, "lodging.star_hotel"));
        assertThat(hotel.status()).isEqualTo(403);
        assertThat(hotel.error()).isEqualTo("out_of_scope");
        assertThat(hotel.json().path("message").asText()).contains("requests[1]");
    }
}
