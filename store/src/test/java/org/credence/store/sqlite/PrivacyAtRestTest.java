package org.credence.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.credence.store.sqlite.Fixtures.T0;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.credence.record.RecordSubmission;
import org.credence.record.StoredRecord;
import org.credence.record.SubjectRef;
import org.credence.store.ApiKey;
import org.credence.store.KeyFile;
import org.credence.store.Role;
import org.credence.store.StoreException;
import org.credence.subject.SubjectKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A copy of the database files alone reveals no identity, and the key file guards that. */
class PrivacyAtRestTest {

    private static final String PERSON_NAME = "Zhang Xiaoming 张晓明";
    private static final String ORGANIZATION_NAME = "Sichuan Blue Sky Trading Co. 四川蓝天贸易有限公司";
    private static final String DETAIL = "owed to Li Hua, account 6222020200112233445";

    @TempDir
    Path dataDir;

    private final String personId = Fixtures.personId(321);
    private final String organizationId = Fixtures.organizationId(654);

    private List<RecordSubmission> records() {
        SubjectRef person = new SubjectRef(personId, SubjectKind.PERSON, Optional.of(PERSON_NAME));
        SubjectRef organization = new SubjectRef(organizationId, SubjectKind.ORGANIZATION, Optional.of(ORGANIZATION_NAME));
        List<RecordSubmission> records = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            records.add(new RecordSubmission("court.beijing", "p" + i, person, "judgment_unperformed",
                    LocalDate.of(2025, 1, 1).plusDays(i), Optional.of("{\"note\":\"" + DETAIL + "\"}")));
            records.add(new RecordSubmission("court.beijing", "o" + i, organization, "judgment_unperformed",
                    LocalDate.of(2025, 1, 1).plusDays(i), Optional.empty()));
        }
        return records;
    }

    private List<String> secrets() {
        return List.of(personId, organizationId, PERSON_NAME, "Zhang Xiaoming", "张晓明", ORGANIZATION_NAME,
                "四川蓝天贸易有限公司", "Blue Sky", DETAIL, "6222020200112233445");
    }

    /** Every file the database and the audit index beside it consist of, as they lie on disk now. */
    private List<Path> databaseFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        for (String name : List.of(Database.FILE_NAME, Database.INDEX_FILE_NAME)) {
            for (String suffix : List.of("", "-wal", "-shm", "-journal")) {
                Path file = dataDir.resolve(name + suffix);
                if (Files.exists(file)) {
                    files.add(file);
                }
            }
        }
        return files;
    }

    private void assertNoIdentityIn(List<Path> files) throws IOException {
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            byte[] bytes = Files.readAllBytes(file);
            // ISO-8859-1 maps each byte to one char, so a byte sequence is found as a substring.
            String raw = new String(bytes, StandardCharsets.ISO_8859_1);
            for (String secret : secrets()) {
                byte[] utf8 = secret.getBytes(StandardCharsets.UTF_8);
                String hex = HexFormat.of().formatHex(utf8);
                for (String form : List.of(new String(utf8, StandardCharsets.ISO_8859_1), hex,
                        hex.toUpperCase(Locale.ROOT))) {
                    assertThat(raw.contains(form)).as("%s appears in %s", secret, file.getFileName()).isFalse();
                }
            }
        }
    }

    @Test
    void theDatabaseFilesHoldNoIdentityWhileTheStoreReadsThemBack() throws IOException {
        try (SqliteStore store = SqliteStore.open(dataDir)) {
            store.append(records(), T0, Fixtures.WRITER);
            store.create(new ApiKey("a".repeat(64), "subject-key", Role.SUBJECT, Set.of(), Optional.of(personId), T0), Fixtures.entry("key.create"));
            // While open the newest pages are still in the write-ahead log.
            assertThat(databaseFiles()).contains(dataDir.resolve(Database.FILE_NAME + "-wal"));
            assertNoIdentityIn(databaseFiles());
        }
        assertNoIdentityIn(databaseFiles());

        try (SqliteStore store = SqliteStore.open(dataDir)) {
            List<StoredRecord> all = new ArrayList<>();
            store.forEach(all::add);
            List<StoredRecord> person = all.stream().filter(r -> r.submission().subject().id().equals(personId)).toList();
            assertThat(person).hasSize(50).allSatisfy(r -> {
                assertThat(r.submission().subject().id()).isEqualTo(personId);
                assertThat(r.submission().subject().name()).contains(PERSON_NAME);
                assertThat(r.submission().details()).contains("{\"note\":\"" + DETAIL + "\"}");
            });
            assertThat(store.latestName(all.stream().filter(r -> r.submission().subject().id().equals(organizationId))
                    .mapToLong(StoredRecord::id).toArray())).contains(ORGANIZATION_NAME);
            assertThat(store.byHash("a".repeat(64)).orElseThrow().subject()).contains(personId);
            List<String> ids = new ArrayList<>();
            store.forEach(r -> ids.add(r.submission().subject().id()));
            assertThat(ids).hasSize(100).containsOnly(personId, organizationId);
        }
    }

    @Test
    void aNewDataDirectoryGetsAKeyFileOnlyItsOwnerCanRead() throws IOException {
        SqliteStore.open(dataDir).close();

        Path keyFile = dataDir.resolve(KeyFile.DEFAULT_NAME);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        assertThat(Files.readString(keyFile)).containsPattern("(?m)^hash-key: \\S{44}$")
                .containsPattern("(?m)^seal-key: \\S{44}$");
        try (var siblings = Files.list(dataDir)) {
            assertThat(siblings.map(p -> p.getFileName().toString()))
                    .as("no temporary file is left behind").noneMatch(name -> name.endsWith(".tmp"));
        }
    }

    @Test
    void storesStartingTogetherOnANewDirectoryShareOneKeyFile() throws Exception {
        try (ExecutorService threads = Executors.newFixedThreadPool(4)) {
            List<Future<String>> hashes = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                hashes.add(threads.submit(() -> {
                    try (SqliteStore store = SqliteStore.open(dataDir)) {
                        return store.vault().subjectHash(personId);
                    }
                }));
            }
            Set<String> distinct = new HashSet<>();
            for (Future<String> hash : hashes) {
                distinct.add(hash.get());
            }
            assertThat(distinct).hasSize(1);
        }
    }

    @Test
    void theKeyFileMayLiveElsewhere() {
        Path keyFile = dataDir.resolve("other-volume/keys");
        assertThatThrownBy(() -> SqliteStore.open(dataDir.resolve("data"), keyFile))
                .as("a missing key directory is not created").isInstanceOf(StoreException.class);

        keyFile.getParent().toFile().mkdirs();
        try (SqliteStore store = SqliteStore.open(dataDir.resolve("data"), keyFile)) {
            store.append(records(), T0, Fixtures.WRITER);
        }
        try (SqliteStore store = SqliteStore.open(dataDir.resolve("data"), keyFile)) {
            assertThat(store.count()).isEqualTo(100);
        }
        assertThat(dataDir.resolve("data").resolve(KeyFile.DEFAULT_NAME)).doesNotExist();
    }

    @Test
    void aLostKeyFileIsReportedAndNotRegenerated() throws IOException {
        try (SqliteStore store = SqliteStore.open(dataDir)) {
            store.append(records(), T0, Fixtures.WRITER);
        }
        Path keyFile = dataDir.resolve(KeyFile.DEFAULT_NAME);
        Files.delete(keyFile);

        assertThatThrownBy(() -> SqliteStore.open(dataDir))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining(keyFile.toString())
                .hasMessageContaining("is missing")
                .hasMessageContaining("cannot be read without")
                .hasMessageContaining("no new key file is made");
        assertThat(keyFile).doesNotExist();
    }

    @Test
    void anotherKeyFileIsRefused() throws IOException {
        try (SqliteStore store = SqliteStore.open(dataDir)) {
            store.append(records(), T0, Fixtures.WRITER);
        }
        Path keyFile = dataDir.resolve(KeyFile.DEFAULT_NAME);
        Files.delete(keyFile);
        KeyFile.create(keyFile);

        assertThatThrownBy(() -> SqliteStore.open(dataDir))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("does not match");
    }

    @Test
    void aKeyFileOthersCanReadIsRefused() throws IOException {
        SqliteStore.open(dataDir).close();
        Path keyFile = dataDir.resolve(KeyFile.DEFAULT_NAME);
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> SqliteStore.open(dataDir))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("chmod 600 " + keyFile);
    }

    @Test
    void aDamagedKeyFileIsReported() throws IOException {
        SqliteStore.open(dataDir).close();
        Path keyFile = dataDir.resolve(KeyFile.DEFAULT_NAME);
        String text = Files.readString(keyFile);
        Files.writeString(keyFile, text.replaceFirst("(?m)^seal-key: .*$", "seal-key: c2hvcnQ="));

        assertThatThrownBy(() -> SqliteStore.open(dataDir))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("damaged")
                .hasMessageContaining("seal-key is 5 bytes");
    }
}
