package org.credence.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.credence.cli.Harness.ORGANIZATION;
import static org.credence.cli.Harness.PERSON;
import static org.credence.cli.Harness.record;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.credence.formats.Json;
import org.credence.record.RecordSubmission;
import org.credence.record.SubjectRef;
import org.credence.store.AuditLog;
import org.credence.store.RecordStore;
import org.credence.store.sqlite.SqliteStore;
import org.credence.subject.SubjectKind;
import org.eclipse.jetty.client.CompletableResponseListener;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.StringRequestContent;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.http2.client.transport.HttpClientTransportOverHTTP2;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP contract, through the real server on loopback over a real SQLite data directory. */
class HttpApiTest {

    @TempDir
    Path tmp;

    Harness harness;
    Http http;
    String agency;
    String partner;
    String operator;
    String auditor;

    @BeforeEach
    void start() {
        harness = new Harness(tmp.resolve("data"));
        agency = harness.key("agency", "court");
        partner = harness.key("partner", "airline", "travel.air.ticket", "finance.loan");
        operator = harness.key("operator", "ops");
        auditor = harness.key("auditor", "audit");
        http = harness.start();
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    /** How many records the store holds, read as another process would. */
    private long storedRecords() {
        try (SqliteStore store = SqliteStore.open(harness.data)) {
            return store.lastId();
        }
    }

    private Http.Reply submit(String body) {
        return http.post("/api/v1/records", agency, body);
    }

    private Http.Reply decide(String subject, String action) {
        return http.post("/api/v1/decisions", partner,
                "{\"subject\":\"" + subject + "\",\"action\":\"" + action + "\",\"purpose\":\"ticket sale\"}");
    }

    @Test
    void aJudgmentDefaultDeniesAirTravelWithReasonBasisAndUntil() {
        assertThat(submit(record("court-1", "J-1", PERSON, "person", "court.judgment_default", "2026-03-01")).status())
                .isEqualTo(201);

        Http.Reply reply = decide(PERSON, "travel.air.ticket");

        assertThat(reply.status()).isEqualTo(200);
        JsonNode json = reply.json();
        assertThat(json.path("decision").asText()).isEqualTo("deny");
        assertThat(json.path("decision_id").asText()).isNotBlank();
        JsonNode measure = json.path("measures").get(0);
        assertThat(measure.path("code").asText()).isEqualTo("no_air_travel");
        assertThat(measure.path("effect").asText()).isEqualTo("deny");
        assertThat(measure.path("legal_basis").asText()).contains("Fa Shi");
        assertThat(measure.path("until").asText()).isEqualTo("2028-03-01");
        // Minimal: the partner learns the outcome and its reason, never the score or the file.
        assertThat(json.has("points")).isFalse();
        assertThat(json.has("grade")).isFalse();
        assertThat(json.has("records")).isFalse();
    }

    @Test
    void aCommandLineImportBesideTheRunningServerIsDecidedOnWithoutARestart() throws Exception {
        assertThat(decide(PERSON, "travel.air.ticket").json().path("decision").asText()).isEqualTo("allow");
        Path file = harness.write("beside.ndjson",
                record("court-1", "J-9", PERSON, "person", "court.judgment_default", "2026-03-01") + "\n");

        Harness.Result imported = Harness.cli("import", file.toString(), "--data", harness.data.toString());

        assertThat(imported.exit()).as(imported.toString()).isZero();
        awaitDecision(PERSON, "travel.air.ticket", "deny");
        awaitReports(1);
        assertThat(harness.followed()).singleElement().asString()
                .matches("index: applied 1 record stored by another process \\(\\d+\\.\\d s\\)");
        // The import told its debtor. A second judgment the server then stores finds the debtor listed
        // already, and tells only of the list it adds (its grade falls to C: credit watch).
        assertThat(submit(record("court-2", "J-10", PERSON, "person", "court.judgment_default", "2026-04-01")).status())
                .isEqualTo(201);
        List<String> told = new ArrayList<>();
        http.get("/api/v1/subjects/" + PERSON + "/notices", operator).json().path("notices")
                .forEach(n -> told.add(n.path("what").asText().replaceAll("^.*\\(([a-z_]+)\\)\\.$", "$1")));
        assertThat(told).containsExactly("dishonest_debtors", "credit_watch");
    }

    @Test
    void aCatalogLoadedBesideTheRunningServerIsServedWithoutARestart() throws Exception {
        submit(record("court-1", "J-1", PERSON, "person", "court.judgment_default", "2026-03-01"));
        assertThat(decide(PERSON, "travel.air.ticket").json().path("decision").asText()).isEqualTo("deny");
        String milder = Files.readString(Harness.catalogFile()).replaceFirst("(?m)^version: 1$", "version: 2")
                .replace("action: travel.air.ticket\n    effect: deny", "action: travel.air.ticket\n    effect: review");
        assertThat(milder).contains("version: 2", "effect: review");
        Path file = harness.write("city-v2.yaml", milder);

        Harness.Result loaded = Harness.cli("catalog", "load", file.toString(), "--data", harness.data.toString());

        assertThat(loaded.exit()).as(loaded.toString()).isZero();
        awaitDecision(PERSON, "travel.air.ticket", "review");
        assertThat(http.get("/api/v1/catalog", null).json().path("version").asInt()).isEqualTo(2);
        awaitReports(1);
        assertThat(harness.followed()).singleElement().asString().startsWith("catalog: now serving example-city v2");

        // A version that no longer validates (here written past the validator) is refused, and said so once.
        try (SqliteStore store = SqliteStore.open(harness.data)) {
            store.activate("example-city", 3, "not: a catalog", Instant.parse("2026-11-23T12:00:00Z"),
                    new AuditLog.AuditEvent(Instant.parse("2026-11-23T12:00:00Z"), "test", "operator", "catalog.load",
                            Optional.empty(), "test", "example-city v3 active"));
        }
        awaitReports(2);
        // Said once, not on every look: ten more looks.
        Thread.sleep(500);
        assertThat(harness.followed()).hasSize(2).last().asString().startsWith("catalog: still serving example-city v2: ");
        assertThat(decide(PERSON, "travel.air.ticket").json().path("decision").asText()).isEqualTo("review");
        // Records are stored only under the active catalog, which this server cannot serve: a record
        // checked under v2 is refused, nothing of it is kept, and both the answer and /health say why.
        long before = storedRecords();
        Http.Reply refused = submit(record("court-1", "J-2", PERSON, "person", "court.judgment_default", "2026-04-01"));
        assertThat(refused.status()).as(refused.body()).isEqualTo(503);
        assertThat(refused.error()).isEqualTo("catalog_not_served");
        assertThat(refused.json().path("message").asText()).startsWith("the record was checked under catalog example-city v2,"
                + " but example-city v3 became the active catalog before it could be stored; nothing was stored, and this"
                + " server cannot store records until it serves the active catalog: catalog example-city v3 is active,"
                + " but this server serves example-city v2: ");
        assertThat(refused.headers().firstValue("Retry-After")).isEmpty();
        Http.Reply health = http.get("/health", null);
        assertThat(health.status()).isEqualTo(503);
        assertThat(health.json().path("status").asText()).isEqualTo("behind");
        assertThat(health.json().path("behind").asText()).startsWith("catalog example-city v3 is active, but this server serves example-city v2");
        assertThat(storedRecords()).isEqualTo(before);
    }

    @Test
    void aServerThatCannotFollowItsStoreSaysSoOnHealthUntilItCan() throws Exception {
        assertThat(http.get("/health", null).status()).isEqualTo(200);
        // Another process stores a record, and the server's look at it fails: a table it reads is gone.
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + harness.data.resolve("credence.db"))) {
            c.createStatement().execute("ALTER TABLE disputes RENAME TO disputes_away");
        }
        try (SqliteStore other = SqliteStore.open(harness.data)) {
            Instant at = Instant.parse("2026-11-23T13:00:00Z");
            other.append(List.of(new RecordSubmission("court-1", "J-1", new SubjectRef(PERSON, SubjectKind.PERSON, Optional.empty()),
                    "court.judgment_default", LocalDate.of(2026, 3, 1), Optional.empty())), at,
                    new RecordStore.AuditedBy(at, "court", "agency", "record.submit", "test",
                            new RecordStore.CheckedUnder("example-city", 1)));
        }

        await(() -> http.get("/health", null).status() == 503, "/health to answer 503");
        JsonNode health = http.get("/health", null).json();
        assertThat(health.path("status").asText()).isEqualTo("behind");
        assertThat(health.path("behind").asText()).startsWith("the last look at the store failed: ");
        // Decisions are still answered meanwhile, from what the index holds.
        assertThat(decide(PERSON, "travel.air.ticket").json().path("decision").asText()).isEqualTo("allow");

        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + harness.data.resolve("credence.db"))) {
            c.createStatement().execute("ALTER TABLE disputes_away RENAME TO disputes");
        }
        await(() -> http.get("/health", null).status() == 200, "/health to answer 200 again");
        assertThat(http.get("/health", null).json().path("status").asText()).isEqualTo("ok");
        assertThat(decide(PERSON, "travel.air.ticket").json().path("decision").asText()).isEqualTo("deny");
    }

    /** Waits, for at most 10 s, until the server has said {@code count} things as it followed the store. */
    private void awaitReports(int count) throws InterruptedException {
        await(() -> harness.followed().size() >= count, count + " reports of following the store");
    }

    /** Asks until the answer is {@code outcome}: the server follows the store every 50 ms. */
    private void awaitDecision(String subject, String action, String outcome) throws InterruptedException {
        await(() -> decide(subject, action).json().path("decision").asText().equals(outcome),
                "'" + outcome + "' for " + action + " by " + subject);
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited 10 s for " + what);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void aCleanSubjectIsAllowedAndALowGradeIsSentToReview() {
        assertThat(decide(ORGANIZATION, "travel.air.ticket").json().path("decision").asText()).isEqualTo("allow");

        // Three serious records take an organization from 1000 to 550, grade D: loans go to review.
        submit(record("court-1", "E-1", ORGANIZATION, "organization", "court.enforcement_evasion", "2026-01-10"));
        submit(record("court-1", "E-2", ORGANIZATION, "organization", "court.enforcement_obstruction", "2026-02-10"));
        submit(record("tax-1", "T-1", ORGANIZATION, "organization", "tax.evasion_major", "2026-03-10"));

        JsonNode loan = decide(ORGANIZATION, "finance.loan").json();
        assertThat(loan.path("decision").asText()).isEqualTo("review");
        assertThat(loan.findValuesAsText("code")).contains("loan_review_low_grade", "loan_review_dishonest_debtor");
    }

    @Test
    void theSameRecordTwiceIsOneRecordAndADifferentOneUnderItsKeyIsAConflict() {
        String first = record("court-1", "J-7", PERSON, "person", "court.judgment_default", "2026-03-01");
        Http.Reply stored = submit(first);
        Http.Reply again = submit(first);
        Http.Reply changed = submit(record("court-1", "J-7", PERSON, "person", "court.judgment_default", "2026-03-02"));

        assertThat(stored.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("status").asText()).isEqualTo("duplicate");
        assertThat(again.json().path("id").asLong()).isEqualTo(stored.json().path("id").asLong());
        assertThat(changed.status()).isEqualTo(409);
        assertThat(changed.error()).isEqualTo("conflict");
        assertThat(http.get("/health", null).json().path("records").asLong()).isEqualTo(1);
    }

    @Test
    void badRecordsAreRefusedWithTheFieldAndTheReason() {
        assertThat(submit("{not json").error()).isEqualTo("malformed_json");
        assertThat(submit("").status()).isEqualTo(400);
        assertThat(submit("[1,2]").status()).isEqualTo(400);

        Http.Reply wrongCheck = submit(record("c", "1", "110105194912310021", "person", "court.judgment_default", "2026-01-01"));
        assertThat(wrongCheck.status()).isEqualTo(400);
        assertThat(wrongCheck.error()).isEqualTo("invalid_record");
        assertThat(wrongCheck.json().path("problems").get(0).path("field").asText()).isEqualTo("subject.id");
        assertThat(wrongCheck.json().path("problems").get(0).path("reason").asText()).contains("check character");

        Http.Reply future = submit(record("c", "2", PERSON, "person", "court.judgment_default", "2026-11-24"));
        assertThat(future.json().path("problems").get(0).path("field").asText()).isEqualTo("occurred_at");
        assertThat(future.json().path("problems").get(0).path("reason").asText()).contains("future");

        Http.Reply unknownType = submit(record("c", "3", PERSON, "person", "speech.online_post", "2026-01-01"));
        assertThat(unknownType.json().path("problems").get(0).path("field").asText()).isEqualTo("type");

        Http.Reply wrongKind = submit(record("c", "4", PERSON, "person", "tax.evasion_major", "2026-01-01"));
        assertThat(wrongKind.json().path("problems").get(0).path("reason").asText()).contains("does not apply");

        String withExtra = record("c", "5", PERSON, "person", "traffic.ticket", "2026-01-01").replace("}\"", "}\"")
                .replaceFirst("\\{", "{\"score_bonus\":5,");
        Http.Reply unknownField = submit(withExtra);
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(unknownField.json().path("problems").get(0).path("field").asText()).isEqualTo("score_bonus");
        assertThat(unknownField.json().path("problems").get(0).path("reason").asText()).isEqualTo("unknown field");

        Http.Reply oversized = submit("{\"source\":\"" + "x".repeat(70_000) + "\"}");
        assertThat(oversized.status()).isEqualTo(400);
        assertThat(oversized.error()).isEqualTo("body_too_large");

        assertThat(http.get("/health", null).json().path("records").asLong()).isZero();
    }

    @Test
    void aRefusalGivenBeforeTheBodyIsReadReachesTheClient() {
        // The server answers these without reading the body; unless it then reads what is left, the
        // client's bytes arrive at a closing connection, whose reset loses the answer now and then.
        String oversized = "{\"source\":\"" + "x".repeat(70_000) + "\"}";
        for (int i = 0; i < 300; i++) {
            assertThat(submit(oversized).error()).isEqualTo("body_too_large");
            assertThat(http.post("/api/v1/records", "cr_not-a-key", oversized).status()).isEqualTo(401);
            // Single decisions are served outside Javalin, by a handler of their own that drains alike.
            assertThat(http.post("/api/v1/decisions", partner, oversized).error()).isEqualTo("body_too_large");
            assertThat(http.post("/api/v1/decisions", "cr_not-a-key", oversized).status()).isEqualTo(401);
        }
    }

    @Test
    void singleDecisionsAnswerAsEveryOtherRouteDoes() {
        Http.Reply allowed = decide(PERSON, "travel.air.ticket");
        assertThat(allowed.headers().firstValue("Content-Type")).hasValue("application/json");
        Http.Reply slash = http.post("/api/v1/decisions/", partner,
                "{\"subject\":\"" + PERSON + "\",\"action\":\"travel.air.ticket\",\"purpose\":\"ticket sale\"}");
        assertThat(slash.status()).isEqualTo(200);
        assertThat(slash.json().path("outcome").asText()).isEqualTo(allowed.json().path("outcome").asText());
        assertThat(slash.json().path("decision_id").asText()).isNotEqualTo(allowed.json().path("decision_id").asText());

        Http.Reply keyless = http.post("/api/v1/decisions", null, "{}");
        assertThat(keyless.status()).isEqualTo(401);
        assertThat(keyless.error()).isEqualTo("unauthenticated");
        assertThat(keyless.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(keyless.headers().firstValue("Content-Type")).hasValue("application/json");
        Http.Reply agencyKey = http.post("/api/v1/decisions", agency, "{}");
        assertThat(agencyKey.error()).isEqualTo("forbidden");
        assertThat(agencyKey.json().path("message").asText()).isEqualTo("an agency key may not POST /api/v1/decisions");
        assertThat(http.post("/api/v1/decisions", partner, "{not json").error()).isEqualTo("malformed_json");
        assertThat(http.post("/api/v1/decisions", partner, "").error()).isEqualTo("malformed_json");
        assertThat(http.post("/api/v1/decisions", partner, "[1]").error()).isEqualTo("invalid_request");

        // Other methods on the path are Javalin's, which serves none of them.
        Http.Reply get = http.get("/api/v1/decisions", partner);
        assertThat(get.status()).isEqualTo(404);
        assertThat(get.error()).isEqualTo("not_found");
        // Each request is timed under the route, as Javalin's routes are, with the status it got.
        assertThat(http.get("/metrics", null).body())
                .containsPattern("http_server_requests_seconds_count\\{method=\"POST\",route=\"/api/v1/decisions\",status=\"200\"} 2")
                .containsPattern("http_server_requests_seconds_count\\{method=\"POST\",route=\"/api/v1/decisions\",status=\"400\"} 3")
                .containsPattern("http_server_requests_seconds_count\\{method=\"POST\",route=\"/api/v1/decisions\",status=\"401\"} 1")
                .containsPattern("http_server_requests_seconds_count\\{method=\"POST\",route=\"/api/v1/decisions\",status=\"403\"} 1");
    }

    @Test
    void keysAreCheckedForPresenceRoleAndScope() {
        String body = record("court-1", "J-1", PERSON, "person", "court.judgment_default", "2026-03-01");
        Http.Reply none = http.post("/api/v1/records", null, body);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.error()).isEqualTo("unauthenticated");
        assertThat(http.post("/api/v1/records", "cr_not-a-key", body).status()).isEqualTo(401);
        assertThat(http.post("/api/v1/records", partner, body).status()).isEqualTo(403);
        assertThat(http.post("/api/v1/decisions", agency, "{}").status()).isEqualTo(403);
        assertThat(http.get("/api/v1/subjects/" + PERSON + "/file", partner).status()).isEqualTo(403);

        String trafficOnly = harness.key("agency", "traffic-police", "traffic.ticket");
        Http.Reply outOfScope = http.post("/api/v1/records", trafficOnly, body);
        assertThat(outOfScope.status()).isEqualTo(403);
        assertThat(outOfScope.error()).isEqualTo("out_of_scope");

        Http.Reply hotel = http.post("/api/v1/decisions", partner,
                "{\"subject\":\"" + PERSON + "\",\"action\":\"lodging.star_hotel\",\"purpose\":\"booking\"}");
        assertThat(hotel.status()).isEqualTo(403);
    }

    @Test
    void decisionRequestsAreValidated() {
        assertThat(decide("11010519491231002Y", "travel.air.ticket").error()).isEqualTo("invalid_subject");
        assertThat(decide(PERSON, "travel.teleport").error()).isEqualTo("unknown_action");
        Http.Reply noPurpose = http.post("/api/v1/decisions", partner,
                "{\"subject\":\"" + PERSON + "\",\"action\":\"travel.air.ticket\"}");
        assertThat(noPurpose.status()).isEqualTo(400);
        assertThat(noPurpose.json().path("problems").get(0).path("field").asText()).isEqualTo("purpose");
        Http.Reply extra = http.post("/api/v1/decisions", partner,
                "{\"subject\":\"" + PERSON + "\",\"action\":\"travel.air.ticket\",\"purpose\":\"x\",\"show_score\":true}");
        assertThat(extra.status()).isEqualTo(400);
    }

    @Test
    void operatorsAndAuditorsReadTheFileWithItsExplanation() {
        submit(record("court-1", "J-1", PERSON, "person", "court.judgment_default", "2026-03-01"));
        submit(record("police-1", "T-1", PERSON, "person", "traffic.ticket", "2026-01-05"));

        JsonNode file = http.get("/api/v1/subjects/" + PERSON + "/file", operator).json();
        assertThat(file.path("points").asInt()).isEqualTo(900);
        assertThat(file.path("grade").asText()).isEqualTo("B");
        assertThat(file.path("kind").asText()).isEqualTo("person");
        assertThat(file.path("records")).hasSize(2);
        assertThat(file.path("records").findValuesAsText("status")).containsExactlyInAnyOrder("active", "expired");
        assertThat(file.path("lists").get(0).path("code").asText()).isEqualTo("dishonest_debtors");
        assertThat(file.path("lists").get(0).path("until").asText()).isEqualTo("2028-03-01");
        assertThat(file.path("measures").findValuesAsText("code")).contains("no_air_travel", "no_star_hotel");

        JsonNode past = http.get("/api/v1/subjects/" + PERSON + "/file?as_of=2026-02-01", auditor).json();
        assertThat(past.path("points").asInt()).isEqualTo(995);
        assertThat(past.path("records")).hasSize(1);

        assertThat(http.get("/api/v1/subjects/" + ORGANIZATION + "/file", operator).status()).isEqualTo(404);
        assertThat(http.get("/api/v1/subjects/123/file", operator).error()).isEqualTo("invalid_subject");
        assertThat(http.get("/api/v1/subjects/" + PERSON + "/file?as_of=yesterday", operator).error()).isEqualTo("invalid_date");
    }

    @Test
    void aBulkUploadIsAllOrNothingAndNamesEveryBadLine() {
        String good = String.join("\n",
                record("court-1", "B-1", PERSON, "person", "court.judgment_default", "2026-03-01"),
                record("police-1", "B-2", PERSON, "person", "traffic.ticket", "2026-10-01"),
                record("tax-1", "B-3", ORGANIZATION, "organization", "tax.arrears", "2026-09-01"));
        String bad = String.join("\n",
                record("court-1", "C-1", PERSON, "person", "court.judgment_default", "2026-03-01"),
                "{broken",
                record("police-1", "C-3", PERSON, "person", "traffic.ticket", "2027-01-01"));

        Http.Reply rejected = http.post("/api/v1/records/bulk", agency, bad);
        assertThat(rejected.status()).isEqualTo(400);
        assertThat(rejected.error()).isEqualTo("invalid_batch");
        assertThat(rejected.json().path("problems").findValuesAsText("line")).containsExactly("2", "3");
        assertThat(http.get("/health", null).json().path("records").asLong()).isZero();

        Http.Reply accepted = http.post("/api/v1/records/bulk", agency, good);
        assertThat(accepted.status()).isEqualTo(200);
        assertThat(accepted.json().path("stored").asInt()).isEqualTo(3);
        assertThat(http.post("/api/v1/records/bulk", agency, good).json().path("duplicates").asInt()).isEqualTo(3);
        assertThat(http.get("/health", null).json().path("records").asLong()).isEqualTo(3);

        Http.Reply clashing = http.post("/api/v1/records/bulk", agency, String.join("\n",
                record("court-1", "B-4", PERSON, "person", "court.judgment_default", "2026-03-01"),
                record("police-1", "B-2", PERSON, "person", "traffic.ticket", "2026-10-02")));
        assertThat(clashing.status()).isEqualTo(409);
        assertThat(clashing.json().path("problems")).hasSize(1);
        assertThat(clashing.json().path("problems").get(0).path("source_ref").asText()).isEqualTo("B-2");
        assertThat(clashing.json().path("problems").get(0).path("existing_id").asLong()).isEqualTo(2);
        assertThat(http.get("/health", null).json().path("records").asLong()).isEqualTo(3);

        // A batch's block of records has its entry, written with them; it names no subject, as the records
        // concern several, and the trail lists it among each one's entries through its records.
        JsonNode entries = http.get("/api/v1/audit?subject=" + ORGANIZATION, auditor).json().path("entries");
        assertThat(entries.findValuesAsText("outcome")).singleElement(InstanceOfAssertFactories.STRING)
                .matches("stored 1 to 3; block sha-256 [0-9a-f]{64}");
        assertThat(entries.findValuesAsText("actor")).containsOnly("court");
        JsonNode all = http.get("/api/v1/audit", auditor).json().path("entries");
        assertThat(all.findValuesAsText("outcome")).contains("duplicates of 1, 2, 3");

        // A limit keeps the oldest entries unless asked for the newest; either way they come oldest first.
        List<Long> seqs = all.findValues("seq").stream().map(JsonNode::asLong).toList();
        assertThat(http.get("/api/v1/audit?limit=2", auditor).json().path("entries").findValues("seq"))
                .extracting(JsonNode::asLong).containsExactlyElementsOf(seqs.subList(0, 2));
        // The newest two are the reads of the trail just made, each entered once it was answered.
        JsonNode newest = http.get("/api/v1/audit?limit=2&keep=newest", auditor).json().path("entries");
        assertThat(newest.findValuesAsText("action")).containsExactly("audit.read", "audit.read");
        assertThat(newest.findValues("seq")).extracting(JsonNode::asLong).isSorted()
                .allMatch(seq -> seq > seqs.get(seqs.size() - 1));
        Http.Reply sideways = http.get("/api/v1/audit?keep=sideways", auditor);
        assertThat(sideways.status()).isEqualTo(400);
        assertThat(sideways.error()).isEqualTo("invalid_keep");
    }

    @Test
    void theCatalogHealthAndMetricsArePublic() {
        JsonNode catalog = http.get("/api/v1/catalog", null).json();
        assertThat(catalog.path("id").asText()).isEqualTo("example-city");
        assertThat(catalog.path("record_types").size()).isGreaterThanOrEqualTo(15);
        assertThat(catalog.path("record_types").get(0).has("legal_basis")).isTrue();

        decide(PERSON, "travel.air.ticket");
        Http.Reply metrics = http.get("/metrics", null);
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("credence_decisions_total{outcome=\"allow\"} 1.0");
        assertThat(http.get("/nowhere", null).error()).isEqualTo("not_found");
        // Timed like any other request, under no route of its own; a matched one under its route's path.
        assertThat(http.get("/metrics", null).body()).containsPattern(
                "http_server_requests_seconds_count\\{method=\"GET\",route=\"unmatched\",status=\"404\"} 1")
                .containsPattern("http_server_requests_seconds_count\\{method=\"POST\",route=\"/api/v1/decisions\",status=\"200\"} 1");
    }

    @Test
    void aRestartLosesNothing() {
        submit(record("court-1", "J-1", PERSON, "person", "court.judgment_default", "2026-03-01"));
        String before = http.get("/api/v1/subjects/" + PERSON + "/file", operator).body();

        harness.stop();
        http = harness.start();

        assertThat(http.get("/api/v1/subjects/" + PERSON + "/file", operator).body()).isEqualTo(before);
        assertThat(decide(PERSON, "travel.air.ticket").json().path("decision").asText()).isEqualTo("deny");
    }

    @Test
    void aPartnerMayAskOverHttp2InClearTextAndKeepManyDecisionsInFlightOnOneConnection() throws Exception {
        submit(record("court-1", "J-1", PERSON, "person", "court.judgment_default", "2026-03-01"));
        String body = "{\"subject\":\"" + PERSON + "\",\"action\":\"travel.air.ticket\",\"purpose\":\"ticket sale\"}";
        HttpClient client = new HttpClient(new HttpClientTransportOverHTTP2(new HTTP2Client()));
        // One connection, so that the decisions, all sent at once, share it as streams.
        client.setMaxConnectionsPerDestination(1);
        client.start();
        Set<String> ids = new HashSet<>();
        try {
            List<CompletableFuture<ContentResponse>> replies = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                Request request = client.POST(http.base + "/api/v1/decisions")
                        .headers(headers -> headers.put("Authorization", "Bearer " + partner))
                        .body(new StringRequestContent("application/json", body));
                replies.add(new CompletableResponseListener(request).send());
            }
            for (CompletableFuture<ContentResponse> reply : replies) {
                ContentResponse response = reply.get(30, TimeUnit.SECONDS);
                assertThat(response.getVersion()).isEqualTo(HttpVersion.HTTP_2);
                assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(200);
                JsonNode json = Json.mapper().readTree(response.getContentAsString());
                assertThat(json.path("decision").asText()).isEqualTo("deny");
                assertThat(json.path("measures").get(0).path("code").asText()).isEqualTo("no_air_travel");
                ids.add(json.path("decision_id").asText());
            }
            assertThat(ids).hasSize(200);
        } finally {
            client.stop();
        }
        // Each of them audited, as over HTTP/1.1.
        List<String> logged = new ArrayList<>();
        http.get("/api/v1/subjects/" + PERSON + "/access-log", operator).json().path("lookups")
                .forEach(lookup -> logged.add(lookup.path("decision_id").asText()));
        assertThat(logged).containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void aClientThatAsksToUpgradeIsAnsweredOverHttp2AndOneThatDoesNotOverHttp11() throws Exception {
        HttpRequest health = HttpRequest.newBuilder(URI.create(http.base + "/health")).build();
        HttpRequest decision = HttpRequest.newBuilder(URI.create(http.base + "/api/v1/decisions"))
                .header("Authorization", "Bearer " + partner).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"subject\":\"" + PERSON + "\",\"action\":\"travel.air.ticket\",\"purpose\":\"ticket sale\"}"))
                .build();
        try (java.net.http.HttpClient upgrading = java.net.http.HttpClient.newBuilder()
                     .version(java.net.http.HttpClient.Version.HTTP_2).build();
             java.net.http.HttpClient plain = java.net.http.HttpClient.newBuilder()
                     .version(java.net.http.HttpClient.Version.HTTP_1_1).build()) {
            // The server upgrades a connection on a request without a body only (Jetty's rule); the JDK's
            // client asks on its first request, and the connection then stays HTTP/2.
            assertThat(upgrading.send(health, BodyHandlers.ofString()).version())
                    .isEqualTo(java.net.http.HttpClient.Version.HTTP_2);
            HttpResponse<String> overHttp2 = upgrading.send(decision, BodyHandlers.ofString());
            HttpResponse<String> overHttp11 = plain.send(decision, BodyHandlers.ofString());

            assertThat(overHttp2.version()).isEqualTo(java.net.http.HttpClient.Version.HTTP_2);
            assertThat(overHttp11.version()).isEqualTo(java.net.http.HttpClient.Version.HTTP_1_1);
            assertThat(overHttp2.body().replaceAll("d-\\d+", "d-N"))
                    .isEqualTo(overHttp11.body().replaceAll("d-\\d+", "d-N"))
                    .contains("\"decision\":\"allow\"");
        }
    }
}
