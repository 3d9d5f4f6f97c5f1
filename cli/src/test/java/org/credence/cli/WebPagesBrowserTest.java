package org.credence.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.credence.cli.Harness.ORGANIZATION;
import static org.credence.cli.Harness.PERSON;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.credence.formats.Json;
import org.credence.store.AuditLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.NoAlertPresentException;

/**
 * The web pages in a real browser, against the real server: a subject disputes a listed record, an
 * operator upholds the dispute, and the subject's file, the public list and the organization page all
 * show the outcome; names and details that carry markup stay text; forms without the session's token
 * are refused; the language switch changes every word. Screenshots of each page go to
 * {@code target/screenshots}.
 */
class WebPagesBrowserTest {

    /** A subject name and record details that would run script if any page failed to escape them. */
    static final String HOSTILE_NAME = "<script>alert(1)</script>";
    static final String HOSTILE_DETAIL = "<img src=x onerror=alert(2)><b>bold</b>";
    static final String ORGANIZATION_NAME = "Acme <i>Trading</i> & Co";
    static final String MASKED_PERSON = "110105********002X";

    /** The most lookups the subject's page lists. */
    private static final int PAGE_LOOKUPS_MOST = 1_000;

    @TempDir
    Path tmp;

    Harness harness;
    Http http;
    Browser browser;
    String operator;
    String subject;
    String auditor;
    String partner;

    @BeforeEach
    void start() throws IOException {
        harness = new Harness(tmp.resolve("data"));
        String agency = harness.key("agency", "court");
        operator = harness.key("operator", "ops");
        auditor = harness.key("auditor", "audit");
        partner = harness.key("partner", "airline", "travel.air.ticket");
        subject = harness.subjectKey("zhang", PERSON);
        http = harness.start();
        assertThat(http.post("/api/v1/records", agency, record("J-1", PERSON, "person", HOSTILE_NAME,
                Map.of("court", "Intermediate People's Court", "note", HOSTILE_DETAIL))).status()).isEqualTo(201);
        assertThat(http.post("/api/v1/records", agency, record("J-2", ORGANIZATION, "organization", ORGANIZATION_NAME,
                Map.of())).status()).isEqualTo(201);
        browser = new Browser(http.base, tmp.resolve("chromium-profile"), Path.of("target", "screenshots"));
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.close();
        }
        harness.close();
    }

    private static String record(String ref, String id, String kind, String name, Map<String, String> details) {
        Map<String, Object> subject = new LinkedHashMap<>();
        subject.put("id", id);
        subject.put("kind", kind);
        subject.put("name", name);
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("source", "court-1");
        record.put("source_ref", ref);
        record.put("subject", subject);
        record.put("type", "court.judgment_default");
        record.put("occurred_at", "2026-03-01");
        if (!details.isEmpty()) {
            record.put("details", details);
        }
        return Json.write(record);
    }

    @Test
    void aSubjectDisputesAListedRecordAndAnOperatorUpholdsIt() throws IOException {
        // The public sees both on the published list, the person masked, markup shown as text.
        browser.open("/");
        assertThat(browser.find("html").getAttribute("lang")).isEqualTo("en");
        assertThat(browser.driver.findElement(By.linkText("Dishonest judgment debtors")).isDisplayed()).isTrue();
        browser.screenshot("public-page");
        browser.open("/lists/dishonest_debtors");
        assertThat(browser.text("#members tbody")).contains(MASKED_PERSON, HOSTILE_NAME, ORGANIZATION, ORGANIZATION_NAME)
                .doesNotContain(PERSON);
        assertThat(browser.has("#members i, #members script")).isFalse();
        browser.screenshot("public-list");
        noAlert();

        browser.open("/organizations?q=acme");
        browser.go("#hits a");
        assertThat(browser.text("#org-name")).isEqualTo(ORGANIZATION_NAME);
        assertThat(browser.text("#org-lists")).contains("Dishonest judgment debtors");
        browser.screenshot("public-organization");

        // The subject signs in and sees its listed record, the hostile name and details as plain text.
        signIn(subject);
        assertThat(browser.driver.getCurrentUrl()).endsWith("/me");
        assertThat(browser.text("#points")).isEqualTo("900");
        assertThat(browser.text("#grade")).isEqualTo("B");
        assertThat(browser.text(".subject-name")).isEqualTo(HOSTILE_NAME);
        assertThat(browser.find("#record-1-status").getAttribute("data-status")).isEqualTo("active");
        assertThat(browser.text("#record-1 .details")).contains(HOSTILE_DETAIL);
        assertThat(browser.has("#record-1 .details img, #record-1 .details b")).isFalse();
        assertThat(browser.text("#my-lists")).contains("Dishonest judgment debtors");
        assertThat(browser.text("#timeline")).contains("2029-03-01", "1000");
        assertThat(browser.has("canvas.chart")).isTrue();
        noAlert();
        browser.screenshot("subject-page");

        Cookie session = browser.driver.manage().getCookieNamed("credence_session");
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getSameSite()).isEqualTo("Strict");
        // Another site can make the browser post, but cannot know the form token.
        assertThat(postWithSession("/me/disputes", session, "record_id=1&reason=forged")).isEqualTo(403);
        assertThat(postWithSession("/me/disputes", session, "record_id=1&reason=forged&csrf=guess")).isEqualTo(403);

        // An empty reason is refused next to the field; a real one opens the dispute.
        browser.click("#dispute-1");
        browser.type("#reason-1", "   ");
        browser.go("#dispute-1-submit");
        assertThat(browser.text("#reason-1-error")).isEqualTo("Give a reason for the dispute.");
        assertThat(browser.find("#reason-1").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.find("#reason-1").getAttribute("aria-describedby")).isEqualTo("reason-1-error");
        browser.screenshot("subject-dispute-error");
        browser.type("#reason-1", "I paid in full on 2026-02-20; receipt <b>attached</b>");
        browser.go("#dispute-1-submit");
        assertThat(browser.text("#flash")).contains("Dispute 1 of record 1 is open", "2026-12-23");
        assertThat(browser.find("#record-1-status").getAttribute("data-status")).isEqualTo("disputed");
        assertThat(browser.text("#my-requests")).contains("receipt <b>attached</b>");
        signOut();

        // The operator upholds it from the console; a decision without reasons is refused first.
        signIn(operator);
        assertThat(browser.driver.getCurrentUrl()).endsWith("/console");
        assertThat(browser.text("#dispute-1")).contains(PERSON, "court.judgment_default", "2026-12-23");
        assertThat(browser.text("#grades")).contains("B");
        assertThat(browser.has("#grades + table, .charts canvas.chart")).isTrue();
        browser.screenshot("console");
        browser.click("#dispute-1-upheld");
        browser.go("#dispute-1-submit");
        assertThat(browser.text("#dispute-1-note-error")).isEqualTo("Give the reasons for the decision.");
        browser.click("#dispute-1-upheld");
        browser.type("#dispute-1-note", "The court confirms performance on 2026-02-20.");
        browser.go("#dispute-1-submit");
        assertThat(browser.text("#flash")).isEqualTo("Dispute 1: upheld.");
        assertThat(browser.has("#no-disputes")).isTrue();
        signOut();

        // The subject's record is annulled and its grade restored; an airline asks about them in a batch.
        JsonNode decided = http.post("/api/v1/decisions/batch", partner, "{\"purpose\":\"ticket sale\",\"requests\":["
                + "{\"subject\":\"" + ORGANIZATION + "\",\"action\":\"travel.air.ticket\"},"
                + "{\"subject\":\"" + PERSON + "\",\"action\":\"travel.air.ticket\"}]}").json();
        signIn(subject);
        assertThat(browser.find("#record-1-status").getAttribute("data-status")).isEqualTo("annulled");
        assertThat(browser.text("#points")).isEqualTo("1000");
        assertThat(browser.text("#grade")).isEqualTo("A");
        assertThat(browser.has("#no-lists")).isTrue();
        assertThat(browser.has("#dispute-1")).isFalse();
        assertThat(browser.text("#notices")).contains("upheld");
        assertThat(browser.text("#access-log")).contains("zhang", "airline", "ticket sale",
                decided.path("decisions").get(1).path("decision_id").asText());
        browser.screenshot("subject-page-after");

        // After a busy day of hotel check-ins (more lookups than the page lists, written straight to the
        // trail), the airline asks again: the page lists the newest lookups, so that one comes first.
        harness.appendToTrail(PAGE_LOOKUPS_MOST, new AuditLog.AuditEvent(harness.clock.instant(), "hotel", "partner",
                "decision", Optional.of(harness.subjectHash(PERSON)), "check-in", "allow"));
        String again = http.post("/api/v1/decisions", partner, "{\"subject\":\"" + PERSON
                + "\",\"action\":\"travel.air.ticket\",\"purpose\":\"boarding check\"}").json().path("decision_id").asText();
        browser.open("/me");
        assertThat(browser.text("#access-log tbody tr")).contains("airline", "boarding check", again);
        assertThat(browser.text("#access-log")).contains("hotel", "check-in");
        signOut();

        // The public list now holds only the organization, whose page is unchanged.
        browser.open("/lists/dishonest_debtors");
        assertThat(browser.text("#members tbody")).contains(ORGANIZATION_NAME).doesNotContain(MASKED_PERSON);
        browser.open("/organizations/" + ORGANIZATION);
        assertThat(browser.text("#org-lists")).contains("Dishonest judgment debtors");

        // The pages' reads and writes are in the audit trail under the keys that made them.
        JsonNode trail = http.get("/api/v1/audit?subject=" + PERSON, auditor).json().path("entries");
        assertThat(trail.findValuesAsText("action")).contains("file.read", "dispute.open", "dispute.resolve");
        assertThat(actorOf(trail, "dispute.open")).isEqualTo("zhang");
        assertThat(actorOf(trail, "dispute.resolve")).isEqualTo("ops");
    }

    @Test
    void theLanguageSwitchChangesEveryPageAndIsRemembered() throws IOException {
        browser.open("/catalog");
        assertThat(browser.text("h1")).isEqualTo("The published catalog");
        browser.go("#lang-zh-CN");
        assertThat(browser.find("html").getAttribute("lang")).isEqualTo("zh-CN");
        assertThat(browser.text("h1")).isEqualTo("公开目录");
        assertThat(browser.find("#lang-zh-CN").getAttribute("aria-current")).isEqualTo("true");
        browser.screenshot("catalog-zh");
        // Remembered on the next page without asking again.
        browser.go("header nav a[href='/']");
        assertThat(browser.text("h1")).isEqualTo("公共信用信息");
        browser.screenshot("public-page-zh");
        signIn(subject);
        assertThat(browser.text("h1")).isEqualTo("我的信用档案");
        assertThat(browser.find("#record-1-status").getText()).isEqualTo("有效");
        browser.screenshot("subject-page-zh");
        browser.go("#lang-en");
        assertThat(browser.find("html").getAttribute("lang")).isEqualTo("en");
        assertThat(browser.text("h1")).isEqualTo("My credit file");
    }

    @Test
    void theCatalogIsSearchableAndASignInWithABadKeyIsExplainedAtTheField() {
        browser.open("/catalog?q=tax");
        assertThat(browser.text("#record-types")).containsIgnoringCase("tax");
        assertThat(browser.text("#record-types")).doesNotContain("court.judgment_default");
        browser.open("/catalog?q=nothing-like-this");
        assertThat(browser.has("#catalog-empty")).isTrue();

        browser.open("/sign-in");
        browser.type("#key", "cr_not-a-key");
        browser.go("#sign-in");
        assertThat(browser.text("#key-error")).contains("not valid");
        assertThat(browser.find("#key").getAttribute("aria-invalid")).isEqualTo("true");
        browser.open("/me");
        assertThat(browser.driver.getCurrentUrl()).endsWith("/sign-in");
    }

    private void signIn(String key) {
        browser.open("/sign-in");
        browser.type("#key", key);
        browser.go("#sign-in");
    }

    private void signOut() {
        browser.go("header form[action='/sign-out'] button");
    }

    private void noAlert() {
        assertThatThrownBy(() -> browser.driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
    }

    private static String actorOf(JsonNode trail, String action) {
        for (JsonNode entry : trail) {
            if (entry.path("action").asText().equals(action)) {
                return entry.path("actor").asText();
            }
        }
        throw new AssertionError("no " + action + " in " + trail);
    }

    /** A form post carrying the browser's session cookie but made outside the page, as a forged one would be. */
    private int postWithSession(String path, Cookie session, String form) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(http.base + path))
                .header("Cookie", session.getName() + "=" + session.getValue())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        try {
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
