package org.credence.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.credence.cli.Harness.ORGANIZATION;
import static org.credence.cli.Harness.PERSON;
import static org.credence.cli.Harness.record;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.credence.store.AuditLog;
import org.credence.subject.ResidentIdentityNumber;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Disputes, repairs, notices and subject access, end to end through the real server: what a subject
 * can do about its file, and what an operator decides.
 */
class SubjectRightsTest {

    /** Another valid person, to show a subject key cannot reach beyond its own subject. */
    static final String OTHER_PERSON = "110105194912310029";

    /** A person with a valid id and no records until a test gives some. */
    private static final String DEBTOR = "11010519491231003" + ResidentIdentityNumber.checkCharacter("11010519491231003");

    /** The most entries an access log lists (the API's limit on any listing of the trail). */
    private static final int ACCESS_LOG_MOST = 10_000;

    @TempDir
    Path tmp;

    Harness harness;
    Http http;
    String agency;
    String partner;
    String operator;
    String subject;
    long judgment;

    @BeforeEach
    void start() {
        harness = new Harness(tmp.resolve("data"));
        agency = harness.key("agency", "court");
        partner = harness.key("partner", "airline");
        operator = harness.key("operator", "ops");
        subject = harness.subjectKey("zhang", PERSON);
        http = harness.start();
        judgment = http.post("/api/v1/records", agency,
                record("court-1", "J-1", PERSON, "person", "court.judgment_default", "2026-03-01")).json().path("id").asLong();
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    private JsonNode file() {
        return http.get("/api/v1/subjects/" + PERSON + "/file", subject).json();
    }

    private String airTicket() {
        return airTicket(PERSON);
    }

    private String airTicket(String person) {
        return http.post("/api/v1/decisions", partner,
                "{\"subject\":\"" + person + "\",\"action\":\"travel.air.ticket\",\"purpose\":\"ticket sale\"}")
                .json().path("decision").asText();
    }

    private Http.Reply dispute(String key, long record) {
        return http.post("/api/v1/subjects/" + PERSON + "/disputes", key,
                "{\"record_id\":" + record + ",\"reason\":\"I paid in full on 2026-02-20; receipt attached\"}");
    }

    @Test
    void aSubjectSeesOnlyItsOwnFile() {
        JsonNode own = file();
        assertThat(own.path("points").asInt()).isEqualTo(900);
        assertThat(own.path("records").get(0).path("status").asText()).isEqualTo("active");

        Http.Reply other = http.get("/api/v1/subjects/" + OTHER_PERSON + "/file", subject);
        assertThat(other.status()).isEqualTo(403);
        assertThat(http.get("/api/v1/subjects/" + OTHER_PERSON + "/notices", subject).status()).isEqualTo(403);
        assertThat(http.post("/api/v1/subjects/" + OTHER_PERSON + "/disputes", subject,
                "{\"record_id\":" + judgment + ",\"reason\":\"x\"}").status()).isEqualTo(403);
        // A subject key cannot ask for decisions, submit records or resolve disputes.
        assertThat(http.post("/api/v1/decisions", subject, "{}").status()).isEqualTo(403);
        assertThat(http.get("/api/v1/disputes", subject).status()).isEqualTo(403);
    }

    @Test
    void anUpheldDisputeAnnulsTheRecordEverywhereAtOnce() {
        assertThat(airTicket()).isEqualTo("deny");

        Http.Reply opened = dispute(subject, judgment);
        assertThat(opened.status()).isEqualTo(201);
        assertThat(opened.json().path("deadline").asText()).isEqualTo("2026-12-23");
        long disputeId = opened.json().path("id").asLong();

        // Marked everywhere, still counting until resolved.
        JsonNode marked = file();
        assertThat(marked.path("records").get(0).path("status").asText()).isEqualTo("disputed");
        assertThat(marked.path("records").get(0).path("counts").asBoolean()).isTrue();
        assertThat(marked.path("lists").get(0).path("disputed").asBoolean()).isTrue();
        JsonNode decision = http.post("/api/v1/decisions", partner,
                "{\"subject\":\"" + PERSON + "\",\"action\":\"travel.air.ticket\",\"purpose\":\"ticket sale\"}").json();
        assertThat(decision.path("decision").asText()).isEqualTo("deny");
        assertThat(decision.path("measures").get(0).path("disputed").asBoolean()).isTrue();
        assertThat(dispute(subject, judgment).status()).isEqualTo(409);

        JsonNode queue = http.get("/api/v1/disputes?status=open", operator).json().path("disputes");
        assertThat(queue).hasSize(1);
        assertThat(queue.get(0).path("id").asLong()).isEqualTo(disputeId);
        assertThat(queue.get(0).path("subject").asText()).isEqualTo(PERSON);

        Http.Reply resolved = http.post("/api/v1/disputes/" + disputeId + "/resolution", operator,
                "{\"outcome\":\"upheld\",\"note\":\"the court confirms performance on 2026-02-20\"}");
        assertThat(resolved.status()).isEqualTo(200);
        assertThat(resolved.json().path("status").asText()).isEqualTo("upheld");

        assertThat(airTicket()).isEqualTo("allow");
        JsonNode after = file();
        assertThat(after.path("points").asInt()).isEqualTo(1000);
        assertThat(after.path("grade").asText()).isEqualTo("A");
        assertThat(after.path("records").get(0).path("status").asText()).isEqualTo("annulled");
        assertThat(after.path("lists")).isEmpty();
        assertThat(http.get("/api/v1/disputes?status=open", operator).json().path("disputes")).isEmpty();
        assertThat(http.post("/api/v1/disputes/" + disputeId + "/resolution", operator,
                "{\"outcome\":\"rejected\",\"note\":\"again\"}").status()).isEqualTo(409);

        // The annulment survives a restart.
        harness.stop();
        http = harness.start();
        assertThat(airTicket()).isEqualTo("allow");
    }

    @Test
    void anUnresolvedDisputeSuspendsItsRecordAfterThirtyDaysUntilResolved() {
        long disputeId = dispute(subject, judgment).json().path("id").asLong();

        harness.clock.advance(Duration.ofDays(29));
        assertThat(airTicket()).isEqualTo("deny");
        harness.clock.advance(Duration.ofDays(1));
        assertThat(airTicket()).isEqualTo("allow");
        JsonNode suspended = file();
        assertThat(suspended.path("records").get(0).path("status").asText()).isEqualTo("disputed");
        assertThat(suspended.path("records").get(0).path("counts").asBoolean()).isFalse();
        assertThat(http.get("/api/v1/disputes?status=open", operator).json().path("disputes").get(0)
                .path("overdue").asBoolean()).isTrue();

        // The suspension is derived from the stored dispute, so a restart keeps it.
        harness.stop();
        http = harness.start();
        assertThat(airTicket()).isEqualTo("allow");

        http.post("/api/v1/disputes/" + disputeId + "/resolution", operator,
                "{\"outcome\":\"rejected\",\"note\":\"the judgment stands unperformed\"}");
        assertThat(airTicket()).isEqualTo("deny");
        assertThat(file().path("records").get(0).path("status").asText()).isEqualTo("active");
    }

    @Test
    void aRepairableRecordIsRepairedOnApprovalAndOthersAreRefusedClearly() {
        Http.Reply requested = http.post("/api/v1/subjects/" + PERSON + "/repairs", subject,
                "{\"record_id\":" + judgment + ",\"evidence\":\"performance certificate (2026) 01 Zhi 12\"}");
        assertThat(requested.status()).isEqualTo(201);
        long repairId = requested.json().path("id").asLong();
        assertThat(http.get("/api/v1/repairs?status=requested", operator).json().path("repairs")).hasSize(1);

        Http.Reply decided = http.post("/api/v1/repairs/" + repairId + "/decision", operator,
                "{\"outcome\":\"approved\",\"note\":\"performance verified\"}");
        assertThat(decided.status()).isEqualTo(200);
        assertThat(airTicket()).isEqualTo("allow");
        assertThat(file().path("records").get(0).path("status").asText()).isEqualTo("repaired");

        long evasion = http.post("/api/v1/records", agency,
                record("court-1", "E-1", PERSON, "person", "court.enforcement_evasion", "2026-04-01")).json().path("id").asLong();
        Http.Reply refused = http.post("/api/v1/subjects/" + PERSON + "/repairs", subject,
                "{\"record_id\":" + evasion + ",\"evidence\":\"paid\"}");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.error()).isEqualTo("not_repairable");
        assertThat(refused.json().path("message").asText()).contains("does not allow").contains("court.enforcement_evasion");

        assertThat(http.post("/api/v1/subjects/" + PERSON + "/repairs", subject,
                "{\"record_id\":999999,\"evidence\":\"x\"}").status()).isEqualTo(404);
        assertThat(http.post("/api/v1/subjects/" + PERSON + "/repairs", subject,
                "{\"record_id\":\"seven\",\"evidence\":\"x\"}").status()).isEqualTo(400);
    }

    @Test
    void aBulkBatchTellsASubjectItListedOnceAndARejectedBatchChangesNothing() {
        String clashing = String.join("\n",
                record("court-1", "J-2", DEBTOR, "person", "court.judgment_default", "2026-03-01"),
                record("court-1", "J-1", PERSON, "person", "court.judgment_default", "2026-04-01"));
        assertThat(http.post("/api/v1/records/bulk", agency, clashing).status()).isEqualTo(409);
        assertThat(airTicket(DEBTOR)).isEqualTo("allow");
        assertThat(http.get("/api/v1/subjects/" + DEBTOR + "/notices", operator).json().path("notices")).isEmpty();

        Http.Reply stored = http.post("/api/v1/records/bulk", agency, String.join("\n",
                record("court-1", "J-2", DEBTOR, "person", "court.judgment_default", "2026-03-01"),
                record("court-1", "J-3", DEBTOR, "person", "court.judgment_default", "2026-05-01")));

        assertThat(stored.status()).isEqualTo(200);
        assertThat(airTicket(DEBTOR)).isEqualTo("deny");
        JsonNode notices = http.get("/api/v1/subjects/" + DEBTOR + "/notices", operator).json().path("notices");
        // One notice per list entered, however many of the batch's records put the subject there.
        assertThat(notices.findValuesAsText("kind")).isNotEmpty().containsOnly("listed");
        assertThat(notices.findValuesAsText("what")).doesNotHaveDuplicates()
                .anySatisfy(what -> assertThat(what).contains("dishonest_debtors"));
        assertThat(notices.toString()).contains("record 2").contains("record 3");

        // Already on those lists: a further record tells nothing new.
        assertThat(http.post("/api/v1/records/bulk", agency,
                record("court-1", "J-4", DEBTOR, "person", "court.judgment_default", "2026-06-01")).status()).isEqualTo(200);
        assertThat(http.get("/api/v1/subjects/" + DEBTOR + "/notices", operator).json().path("notices")).hasSameSizeAs(notices);
    }

    @Test
    void noticesSayWhatHappenedWhyUntilWhenAndHowToContest() {
        long disputeId = dispute(subject, judgment).json().path("id").asLong();
        http.post("/api/v1/disputes/" + disputeId + "/resolution", operator, "{\"outcome\":\"rejected\",\"note\":\"unperformed\"}");

        JsonNode notices = http.get("/api/v1/subjects/" + PERSON + "/notices", subject).json().path("notices");

        assertThat(notices.findValuesAsText("kind")).containsExactly("listed", "dispute_resolved");
        JsonNode listed = notices.get(0);
        assertThat(listed.path("what").asText()).contains("dishonest_debtors");
        assertThat(listed.path("why").asText()).contains("record " + judgment);
        assertThat(listed.path("legal_basis").asText()).isNotBlank();
        assertThat(listed.path("until").asText()).isEqualTo("2028-03-01");
        assertThat(listed.path("how_to_contest").asText()).contains("/disputes");
        assertThat(notices.get(1).path("what").asText()).contains("rejected");
        assertThat(notices.get(1).path("why").asText()).contains("unperformed");
    }

    @Test
    void theAccessLogShowsEveryLookupByWhomAndWhyButNeverAKey() {
        airTicket();
        http.get("/api/v1/subjects/" + PERSON + "/file?purpose=loan%20application%20review", operator);

        JsonNode log = http.get("/api/v1/subjects/" + PERSON + "/access-log", subject).json();
        JsonNode lookups = log.path("lookups");

        assertThat(lookups.findValuesAsText("action")).containsExactly("decision", "file.read");
        assertThat(lookups.get(0).path("who").path("name").asText()).isEqualTo("airline");
        assertThat(lookups.get(0).path("who").path("role").asText()).isEqualTo("partner");
        assertThat(lookups.get(0).path("purpose").asText()).isEqualTo("ticket sale");
        assertThat(lookups.get(0).path("outcome").asText()).contains("deny");
        // A single decision is named by its entry; a file read is no decision.
        assertThat(lookups.get(0).path("decision_id").asText()).matches("d-[0-9]+");
        assertThat(lookups.get(1).has("decision_id")).isFalse();
        assertThat(lookups.get(1).path("who").path("name").asText()).isEqualTo("ops");
        assertThat(lookups.get(1).path("purpose").asText()).isEqualTo("loan application review");
        assertThat(log.toString()).doesNotContain(partner).doesNotContain(operator);
    }

    @Test
    void theAccessLogShowsTheNewestLookupsOnceThereAreMoreThanItLists() {
        // Ten thousand earlier lookups, as a subject asked about all day has, written straight to the
        // trail to spare the test their requests; then the newest, a real decision.
        harness.appendToTrail(ACCESS_LOG_MOST, new AuditLog.AuditEvent(harness.clock.instant(), "hotel", "partner",
                "decision", Optional.of(harness.subjectHash(PERSON)), "check-in", "allow"));
        airTicket();

        JsonNode lookups = http.get("/api/v1/subjects/" + PERSON + "/access-log", subject).json().path("lookups");

        assertThat(lookups).hasSize(ACCESS_LOG_MOST);
        // Oldest first, and the last one is the newest lookup, not one cut off by the limit.
        assertThat(lookups.get(0).path("who").path("name").asText()).isEqualTo("hotel");
        assertThat(lookups.get(ACCESS_LOG_MOST - 1).path("who").path("name").asText()).isEqualTo("airline");
        assertThat(lookups.get(ACCESS_LOG_MOST - 1).path("outcome").asText()).contains("deny");
    }

    @Test
    void theSubjectsOwnReadsOfItsLogDoNotPushOutWhoLookedItUp() {
        airTicket();
        // A subject whose app reads its log every hour for over a year: each read is audited, about it.
        harness.appendToTrail(ACCESS_LOG_MOST, new AuditLog.AuditEvent(harness.clock.instant(), "zhang", "subject",
                "access_log.read", Optional.of(harness.subjectHash(PERSON)), "subject access", "1 lookups"));

        JsonNode lookups = http.get("/api/v1/subjects/" + PERSON + "/access-log", subject).json().path("lookups");

        assertThat(lookups).singleElement().satisfies(lookup -> {
            assertThat(lookup.path("who").path("name").asText()).isEqualTo("airline");
            assertThat(lookup.path("outcome").asText()).contains("deny");
        });
    }

    @Test
    void publicListsShowOnlyPublishedListsWithPersonsMasked() {
        http.post("/api/v1/records", agency,
                record("court-1", "J-2", ORGANIZATION, "organization", "court.judgment_default", "2026-05-01"));
        http.post("/api/v1/records", agency,
                record("amr-1", "A-1", ORGANIZATION, "organization", "regulatory.annual_report_missing", "2026-07-01"));

        JsonNode page = http.get("/api/v1/public/lists/dishonest_debtors", null).json();
        assertThat(page.path("total").asInt()).isEqualTo(2);
        JsonNode person = page.path("entries").findParents("kind").stream()
                .filter(e -> e.path("kind").asText().equals("person")).findFirst().orElseThrow();
        assertThat(person.path("id").asText()).isEqualTo("110105********002X");
        assertThat(person.path("name").asText()).isEqualTo("Test Subject");
        assertThat(person.path("since").asText()).isEqualTo("2026-03-01");
        assertThat(person.path("until").asText()).isEqualTo("2028-03-01");
        assertThat(person.path("legal_basis").asText()).isNotBlank();
        assertThat(page.toString()).doesNotContain(PERSON).doesNotContain("points").doesNotContain("grade");
        JsonNode organization = page.path("entries").findParents("kind").stream()
                .filter(e -> e.path("kind").asText().equals("organization")).findFirst().orElseThrow();
        assertThat(organization.path("id").asText()).isEqualTo(ORGANIZATION);

        JsonNode second = http.get("/api/v1/public/lists/dishonest_debtors?page=2&size=1", null).json();
        assertThat(second.path("entries")).hasSize(1);
        assertThat(http.get("/api/v1/public/lists/credit_watch", null).status()).isEqualTo(404);
        assertThat(http.get("/api/v1/public/lists/no_such_list", null).status()).isEqualTo(404);

        JsonNode company = http.get("/api/v1/public/organizations/" + ORGANIZATION, null).json();
        assertThat(company.path("lists").findValuesAsText("list")).containsExactlyInAnyOrder("dishonest_debtors", "abnormal_operations");
        assertThat(company.path("measures").findValuesAsText("code")).contains("no_bid_abnormal_operations", "no_air_travel");
        assertThat(company.toString()).doesNotContain("grade").doesNotContain("points");
        assertThat(http.get("/api/v1/public/organizations/" + PERSON, null).status()).isEqualTo(400);
    }

    @Test
    void auditorsReadTheTrailAndWriteNothing() {
        String auditor = harness.key("auditor", "audit-office");
        airTicket();

        JsonNode entries = http.get("/api/v1/audit?subject=" + PERSON, auditor).json().path("entries");
        List<String> actions = entries.findValuesAsText("action");
        assertThat(actions).contains("record.submit", "decision");
        assertThat(entries.get(0).path("hash").asText()).hasSize(64);
        assertThat(entries.toString()).doesNotContain(PERSON);

        assertThat(http.post("/api/v1/records", auditor,
                record("court-1", "J-9", PERSON, "person", "court.judgment_default", "2026-03-01")).status()).isEqualTo(403);
        assertThat(http.post("/api/v1/disputes/1/resolution", auditor, "{\"outcome\":\"upheld\",\"note\":\"x\"}").status())
                .isEqualTo(403);
        assertThat(http.get("/api/v1/audit", operator).status()).isEqualTo(403);

        harness.stop();
        Harness.Result verified = Harness.cli("verify", "--data", harness.data.toString());
        assertThat(verified.exit()).isZero();
        assertThat(verified.out()).contains("intact");
    }
}
