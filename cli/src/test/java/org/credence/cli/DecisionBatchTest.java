package org.credence.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.credence.cli.Harness.ORGANIZATION;
import static org.credence.cli.Harness.PERSON;
import static org.credence.cli.Harness.record;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /api/v1/decisions/batch}: many decisions in one request, each answered as a single one
 * and audited together, as one entry whose items are the decisions.
 */
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
        // Minimal: never points, grade or records.
        assertThat(decisions.get(0).has("points")).isFalse();

        // The single decision is an entry of its own; the batch is one entry, its items the decisions in order.
        JsonNode trail = http.get("/api/v1/audit", auditor).json().path("entries");
        List<JsonNode> logged = new ArrayList<>();
        trail.forEach(e -> {
            if (e.path("action").asText().equals("decision") && e.path("actor").asText().equals("airline")) {
                logged.add(e);
            }
        });
        assertThat(logged).hasSize(2);
        JsonNode entry = logged.getFirst();
        assertThat(entry.path("subject_hash").isNull()).isTrue();
        assertThat(entry.path("purpose").asText()).isEqualTo("ticket sale");
        assertThat(entry.path("outcome").asText()).isEqualTo("3 decisions: 1 allow, 1 review, 1 deny");
        JsonNode items = entry.path("items");
        assertThat(items.findValuesAsText("outcome"))
                .containsExactly("travel.air.ticket: deny", "travel.air.ticket: allow", "finance.loan: review");
        assertThat(items.get(0).path("subject_hash").asText()).isNotBlank().isEqualTo(items.get(2).path("subject_hash").asText())
                .isNotEqualTo(items.get(1).path("subject_hash").asText());
        String seq = entry.path("seq").asText();
        assertThat(decisions.findValuesAsText("decision_id")).containsExactly("d-" + seq + ".1", "d-" + seq + ".2",
                "d-" + seq + ".3");
        assertThat(logged.get(1).path("subject_hash").asText()).isEqualTo(items.get(0).path("subject_hash").asText());
        assertThat(logged.get(1).has("items")).isFalse();
        // The auditor asking about one subject sees its items in their places, which its decisions' ids name.
        JsonNode mine = http.get("/api/v1/audit?subject=" + PERSON, auditor).json().path("entries");
        List<JsonNode> batches = new ArrayList<>();
        mine.forEach(e -> {
            if (e.has("items")) {
                batches.add(e);
            }
        });
        assertThat(batches).singleElement().satisfies(e -> assertThat(e.path("items").findValuesAsText("number"))
                .containsExactly("1", "3"));

        // The subject reads the batch as two lookups of its own, and nothing of the other subject's.
        JsonNode lookups = http.get("/api/v1/subjects/" + PERSON + "/access-log", harness.subjectKey("zhang", PERSON))
                .json().path("lookups");
        assertThat(lookups.findValuesAsText("outcome")).containsExactly("travel.air.ticket: deny", "finance.loan: review",
                "travel.air.ticket: deny");
        assertThat(lookups.findValuesAsText("purpose")).containsOnly("ticket sale");
        // Each names the decision the partner was told of: the batch's first and third, then the single one.
        assertThat(lookups.findValuesAsText("decision_id")).containsExactly("d-" + seq + ".1", "d-" + seq + ".3",
                single.path("decision_id").asText());
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
