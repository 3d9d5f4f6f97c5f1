package org.credence.store.sqlite;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.credence.record.RecordBatch;
import org.credence.record.RecordStream;
import org.credence.record.RecordSubmission;
import org.credence.record.SubjectRef;
import org.credence.store.AuditLog;
import org.credence.store.RecordStore;
import org.credence.subject.ResidentIdentityNumber;
import org.credence.subject.SubjectKind;
import org.credence.subject.UnifiedSocialCreditCode;

/** Valid subjects and records for the store's tests. */
final class Fixtures {

    static final Instant T0 = Instant.parse("2026-03-01T08:00:00.123456789Z");
    static final Instant T1 = Instant.parse("2026-03-02T09:30:00Z");

    private Fixtures() {
    }

    /**
     * {@code events} appended in their order, all before waiting for any (so they are committed together,
     * as concurrent callers' are), and their entries once durable.
     */
    static List<AuditLog.AuditEntry> appendEach(AuditLog audit, List<AuditLog.AuditEvent> events) {
        List<CompletableFuture<AuditLog.AuditEntry>> futures = events.stream().map(audit::append).toList();
        return futures.stream().map(CompletableFuture::join).toList();
    }

    /** The {@code n}th person: a resident identity number born 1949-12-31 with a valid check character. */
    static String personId(int n) {
        String first17 = "11010519491231" + String.format("%03d", n % 1000);
        return first17 + ResidentIdentityNumber.checkCharacter(first17);
    }

    /** The {@code n}th organization: a unified social credit code with a valid check character. */
    static String organizationId(int n) {
        String first17 = "91512081MA62K" + String.format("%04d", n % 10_000);
        return first17 + UnifiedSocialCreditCode.checkCharacter(first17);
    }

    static SubjectRef person(int n) {
        return new SubjectRef(personId(n), SubjectKind.PERSON, Optional.empty());
    }

    static SubjectRef person(int n, String name) {
        return new SubjectRef(personId(n), SubjectKind.PERSON, Optional.of(name));
    }

    static SubjectRef organization(int n, String name) {
        return new SubjectRef(organizationId(n), SubjectKind.ORGANIZATION, Optional.of(name));
    }

    /** A record from the court under {@code ref} about {@code subject}. */
    static RecordSubmission record(String ref, SubjectRef subject) {
        return new RecordSubmission("court.beijing", ref, subject, "judgment_unperformed",
                LocalDate.of(2025, 11, 3), Optional.of("{\"case\":\"(2025) Jing 0105 Zhi 123\"}"));
    }

    /** The {@code n}th of a run of records about a thousand people, as an import would bring them. */
    static RecordSubmission numbered(String source, long n) {
        return new RecordSubmission(source, "r" + n, person((int) (n % 1000)), "contract_default",
                LocalDate.of(2024, 1, 1).plusDays(n % 700), Optional.empty());
    }

    /**
     * {@code records} as a stream of chunks of {@code chunk}, the nth record on line n + 1, ending with
     * {@code problems}.
     */
    static RecordStream stream(List<RecordSubmission> records, int chunk, List<RecordBatch.LineProblem> problems) {
        return new RecordStream() {
            private int next;

            @Override
            public Optional<Chunk> next() {
                if (next == records.size()) {
                    return Optional.empty();
                }
                int from = next;
                next = Math.min(records.size(), from + chunk);
                return Optional.of(new Chunk(IntStream.range(from, next).map(i -> i + 1).toArray(),
                        records.subList(from, next)));
            }

            @Override
            public List<RecordBatch.LineProblem> problems() {
                return next == records.size() ? problems : List.of();
            }

            @Override
            public void close() {
            }
        };
    }

    /** Whose writes the store tests' records are. */
    static final RecordStore.AuditedBy WRITER =
            new RecordStore.AuditedBy(T1, "importer", "operator", "record.submit", "import of test.ndjson",
                    new RecordStore.CheckedUnder("city", 1));

    /** The entry of a test's write of {@code action}, such as a key's creation. */
    static AuditLog.AuditEvent entry(String action) {
        return new AuditLog.AuditEvent(T1, "tester", "operator", action, Optional.empty(), "test", action + " done");
    }

    /**
     * A directory for a property's try: jqwik runs tries outside JUnit's {@code @TempDir}, so each
     * try makes its own and removes it with {@link #deleteTree}.
     */
    static Path temporaryDirectory(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * An entry's hash by an implementation of {@link SqliteAuditLog}'s class comment independent of the
     * log's own: the reference the log's hashes are checked against.
     */
    static String specHash(long seq, String at, String actor, String role, String action, String subject,
                           String purpose, String outcome, String previous) {
        return specHash(seq, at, actor, role, action, subject, purpose, outcome, null, previous);
    }

    /** With items (the JSON text stored), under the encoding that includes them. */
    static String specHash(long seq, String at, String actor, String role, String action, String subject,
                           String purpose, String outcome, String items, String previous) {
        ByteArrayOutputStream encoding = new ByteArrayOutputStream();
        List<String> values = new ArrayList<>(Arrays.asList(items == null ? "credence-audit-v1" : "credence-audit-v2",
                Long.toString(seq), at, actor, role, action, subject, purpose, outcome));
        if (items != null) {
            values.add(items);
        }
        values.add(previous);
        for (String value : values) {
            if (value == null) {
                encoding.writeBytes(new byte[] {-1, -1, -1, -1});
            } else {
                byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
                encoding.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
                encoding.writeBytes(bytes);
            }
        }
        return HexFormat.of().formatHex(SqliteAuditLog.sha256().digest(encoding.toByteArray()));
    }
}
