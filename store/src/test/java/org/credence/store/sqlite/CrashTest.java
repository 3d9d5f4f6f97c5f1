package org.credence.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.credence.record.StoredRecord;
import org.credence.store.AuditLog;
import org.credence.store.RecordStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An acknowledged record survives the writer being killed with SIGKILL mid-stream; an import killed
 * midway leaves neither records nor audit entries, and one that returned keeps both.
 */
class CrashTest {

    /** Acknowledgements to wait for before the kill: enough that it lands among busy appends. */
    private static final int ACKS_BEFORE_KILL = 400;

    private static final String WRITER_ERRORS = "writer.err";

    @TempDir
    Path dataDir;

    @Test
    void everyAcknowledgedRecordSurvivesSigkill() throws Exception {
        Process writer = startWriter();
        Map<Long, String> acknowledged = new LinkedHashMap<>();
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith(CrashWriter.ACK)) {
                    String[] parts = line.substring(CrashWriter.ACK.length()).split(" ");
                    acknowledged.put(Long.parseLong(parts[0]), parts[1]);
                    if (acknowledged.size() == ACKS_BEFORE_KILL) {
                        // SIGKILL through the handle leaves our end of the pipe open, so the lines the
                        // writer printed before it died are still read and checked.
                        writer.toHandle().destroyForcibly();
                    }
                }
            }
        } finally {
            writer.destroyForcibly();
            assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(acknowledged)
                .as(() -> "acknowledgements; the writer said: " + errors())
                .hasSizeGreaterThanOrEqualTo(ACKS_BEFORE_KILL);
        try (SqliteStore store = SqliteStore.open(dataDir)) {
            for (Map.Entry<Long, String> ack : acknowledged.entrySet()) {
                StoredRecord stored = store.record(ack.getKey()).orElseThrow(
                        () -> new AssertionError("acknowledged record " + ack.getKey() + " was lost"));
                assertThat(stored.submission().sourceRef()).isEqualTo(ack.getValue());
            }
            // The store is whole: the batch being written at the kill is there entirely or not at all.
            assertThat(store.count() % CrashWriter.BATCH_SIZE).isZero();
        }
    }

    @Test
    void anImportKilledMidwayLeavesNoTraceAndOneThatReturnedKeepsEverything() throws Exception {
        Process importer = start(CrashImporter.class);
        List<String> said = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(importer.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                said.add(line);
                if (line.equals(CrashImporter.MIDWAY)) {
                    importer.toHandle().destroyForcibly();
                }
            }
        } finally {
            importer.destroyForcibly();
            assertThat(importer.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(said).as(() -> "the importer said: " + errors())
                .containsExactly(CrashImporter.IMPORTED, CrashImporter.MIDWAY);
        try (SqliteStore store = SqliteStore.open(dataDir)) {
            assertThat(store.count()).isEqualTo(CrashImporter.FIRST);
            List<AuditLog.AuditEntry> entries = store.audit().entries(new AuditLog.Query(
                    Optional.empty(), Optional.empty(), Optional.empty(), Integer.MAX_VALUE));
            assertThat(entries).singleElement().satisfies(e -> assertThat(e.event().outcome())
                    .startsWith("stored 1 to " + CrashImporter.FIRST + "; block sha-256 "));
            assertThat(store.audit().verify()).isInstanceOf(AuditLog.Intact.class);
            assertThat(store.verifyRecords()).isEqualTo(new RecordStore.RecordsIntact(CrashImporter.FIRST, 1));
        }
    }

    private String errors() {
        try {
            return Files.readString(dataDir.resolve(WRITER_ERRORS));
        } catch (IOException e) {
            return e.toString();
        }
    }

    private Process startWriter() throws IOException {
        return start(CrashWriter.class);
    }

    private Process start(Class<?> main) throws IOException {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                main.getName(), dataDir.toString())
                .redirectError(dataDir.resolve(WRITER_ERRORS).toFile())
                .start();
    }
}
