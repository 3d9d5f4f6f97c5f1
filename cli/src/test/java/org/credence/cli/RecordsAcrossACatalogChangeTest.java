package org.credence.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.credence.cli.Harness.PERSON;
import static org.credence.cli.Harness.record;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.credence.store.AuditLog;
import org.credence.store.sqlite.SqliteStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records sent to a server in the moments after another process made a new catalog version active,
 * before the server serves it: they were checked under the version it serves, and nothing of them is
 * stored; the answer says to send them again, and when.
 */
class RecordsAcrossACatalogChangeTest {

    @TempDir
    Path tmp;

    Harness harness;
    Http http;
    String agency;

    @BeforeEach
    void start() {
        harness = new Harness(tmp.resolve("data"));
        agency = harness.key("agency", "court");
        http = harness.startWithoutFollowing();
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void recordsCheckedUnderTheServedVersionAreRefusedOnceAnotherIsActive() throws Exception {
        assertThat(http.post("/api/v1/records", agency,
                record("court-1", "J-1", PERSON, "person", "court.judgment_default", "2026-03-01")).status()).isEqualTo(201);
        String v2 = Files.readString(Harness.catalogFile()).replaceFirst("(?m)^version: 1$", "version: 2");
        try (SqliteStore other = SqliteStore.open(harness.data)) {
            other.activate("example-city", 2, v2, Instant.parse("2026-11-23T12:00:00Z"),
                    new AuditLog.AuditEvent(Instant.parse("2026-11-23T12:00:00Z"), "test", "operator", "catalog.load",
                            Optional.empty(), "test", "example-city v2 active"));
        }

        Http.Reply one = http.post("/api/v1/records", agency,
                record("court-1", "J-2", PERSON, "person", "court.judgment_default", "2026-04-01"));
        Http.Reply bulk = http.post("/api/v1/records/bulk", agency,
                record("court-1", "J-3", PERSON, "person", "court.judgment_default", "2026-05-01") + "\n");

        assertThat(one.status()).as(one.body()).isEqualTo(503);
        assertThat(one.error()).isEqualTo("catalog_changed");
        assertThat(one.json().path("message").asText()).isEqualTo("the record was checked under catalog example-city v1,"
                + " but example-city v2 became the active catalog before it could be stored; nothing was stored: send the"
                + " request again once this server serves example-city v2 (/health names the catalog it serves)");
        assertThat(one.headers().firstValue("Retry-After")).contains("2");
        assertThat(bulk.status()).as(bulk.body()).isEqualTo(503);
        assertThat(bulk.error()).isEqualTo("catalog_changed");
        assertThat(bulk.json().path("message").asText()).startsWith("the records were checked under catalog example-city v1");
        try (SqliteStore store = SqliteStore.open(harness.data)) {
            assertThat(store.lastId()).isEqualTo(1);
            // The refused single record is audited, as a conflict is.
            assertThat(store.audit().entries(new AuditLog.Query(Optional.empty(), Optional.empty(), Optional.empty(), 1_000))
                    .getLast().event().outcome()).isEqualTo("catalog_changed");
        }
    }
}
