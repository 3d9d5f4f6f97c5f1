package org.credence.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.credence.cli.Harness.ORGANIZATION;
import static org.credence.cli.Harness.PERSON;
import static org.credence.cli.Harness.record;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A copy of the database alone reveals no identity, and a lost key file is never papered over. */
class PrivacyAtRestTest {

    @TempDir
    Path tmp;

    @Test
    void theDatabaseFilesHoldNoSubjectIdOrNameAfterAFullRound() throws IOException {
        Harness harness = new Harness(tmp.resolve("data"));
        String agency = harness.key("agency", "court");
        String subject = harness.subjectKey("self", PERSON);
        Http http = harness.start();
        long id = http.post("/api/v1/records", agency,
                record("court-1", "J-1", PERSON, "person", "court.judgment_default", "2026-03-01")).json().path("id").asLong();
        http.post("/api/v1/records", agency, record("tax-1", "T-1", ORGANIZATION, "organization", "tax.arrears", "2026-06-01"));
        http.post("/api/v1/subjects/" + PERSON + "/disputes", subject,
                "{\"record_id\":" + id + ",\"reason\":\"Test Subject paid in full\"}");
        assertThat(http.get("/api/v1/subjects/" + PERSON + "/file", subject).json().path("name").asText()).isEqualTo("Test Subject");
        harness.stop();

        byte[] everything = databaseBytes(harness.data);
        for (String secret : new String[] {PERSON, ORGANIZATION, "Test Subject"}) {
            assertThat(contains(everything, secret.getBytes(StandardCharsets.UTF_8))).as(secret).isFalse();
            assertThat(contains(everything, secret.getBytes(StandardCharsets.UTF_16LE))).as(secret).isFalse();
            assertThat(contains(everything, HexFormat.of().formatHex(secret.getBytes(StandardCharsets.UTF_8))
                    .getBytes(StandardCharsets.US_ASCII))).as(secret).isFalse();
        }
        // The same files still serve the subject once the key file is beside them.
        http = harness.start();
        assertThat(http.get("/api/v1/subjects/" + PERSON + "/file", subject).json().path("records")).hasSize(1);
        harness.close();
    }

    @Test
    void aMissingKeyFileIsReportedAndNeverRegenerated() throws IOException {
        Harness harness = new Harness(tmp.resolve("data"));
        Path keyFile = harness.data.resolve("credence.key");
        assertThat(keyFile).exists();
        Files.delete(keyFile);

        Harness.Result result = Harness.cli("decide", PERSON, "travel.air.ticket", "--data", harness.data.toString());

        assertThat(result.exit()).isNotZero();
        assertThat(result.err()).contains("credence.key").containsIgnoringCase("missing").doesNotContain("\tat ");
        assertThat(keyFile).doesNotExist();
    }

    private static byte[] databaseBytes(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            var out = new java.io.ByteArrayOutputStream();
            // The database and the audit trail's index by subject beside it, each with its log.
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("credence.db")
                    || f.getFileName().toString().startsWith("audit-index.db")).toList()) {
                out.write(Files.readAllBytes(file));
            }
            return out.toByteArray();
        }
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
