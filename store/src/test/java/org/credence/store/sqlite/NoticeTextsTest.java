package org.credence.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.credence.store.KeyFile;
import org.credence.store.RightsStore.Addressed;
import org.credence.store.RightsStore.Notice;
import org.credence.store.Vault;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A notice's legal basis and its words on how to contest are kept once each however many notices
 * carry them, and every notice still reads back exactly as it was told, those of schema version 8 too.
 */
class NoticeTextsTest {

    private static final String BASIS = "Provisions on the List of Dishonest Judgment Debtors, art. 1";
    private static final String CONTEST = "If a record is wrong, dispute it.";

    @TempDir
    Path dataDir;

    private static Notice listed(String list, Optional<LocalDate> until, String basis, String contest) {
        return new Notice(0, Fixtures.T0, Notice.Kind.LISTED, "You were placed on the list " + list + ".",
                "Because of record 1.", basis, until, contest);
    }

    @Test
    void sharedTextsAreKeptOnceAndEveryNoticeReadsBackAsTold() throws SQLException {
        try (SqliteStore store = SqliteStore.open(dataDir)) {
            List<Notice> first = store.notifyAll(List.of(
                    new Addressed(Fixtures.personId(1), listed("a", Optional.of(LocalDate.of(2029, 1, 1)), BASIS, CONTEST)),
                    new Addressed(Fixtures.personId(2), listed("a", Optional.empty(), BASIS, CONTEST)),
                    new Addressed(Fixtures.personId(1), listed("b", Optional.empty(), "another basis", CONTEST))));
            List<Notice> later = store.notifyAll(List.of(
                    new Addressed(Fixtures.personId(2), listed("b", Optional.empty(), "another basis", CONTEST))));

            assertThat(store.notices(Fixtures.personId(1))).containsExactly(first.get(0), first.get(2));
            assertThat(store.notices(Fixtures.personId(2))).containsExactly(first.get(1), later.getFirst());
        }
        assertThat(rows("SELECT count(*) FROM notice_texts")).containsExactly("3");
        // A subject's notices are found through the index, not by reading them all.
        assertThat(String.join(" ", rows("EXPLAIN QUERY PLAN SELECT * FROM notices WHERE subject_hash = 'x' ORDER BY id")))
                .contains("USING INDEX notice_rows_by_subject");
    }

    @Test
    void noticesOfVersion8ReadBackAsTheyWereAfterTheirTextsAreKeptOnce() throws SQLException {
        String url = "jdbc:sqlite:" + dataDir.resolve(Database.FILE_NAME);
        Flyway.configure(getClass().getClassLoader()).dataSource(url, null, null)
                .locations("classpath:db/migration/sqlite").target("8").load().migrate();
        Vault vault = KeyFile.create(KeyFile.defaultLocation(dataDir));
        List<Notice> told = List.of(
                new Notice(1, Fixtures.T0, Notice.Kind.LISTED, "listed on a", "because of record 1", BASIS,
                        Optional.of(LocalDate.of(2029, 1, 1)), CONTEST),
                new Notice(2, Fixtures.T1, Notice.Kind.DISPUTE_RESOLVED, "dispute 1 upheld", "the operator's reasons",
                        "another basis", Optional.empty(), "Nothing further is needed."),
                new Notice(3, Fixtures.T1, Notice.Kind.LISTED, "listed on a", "because of record 2", BASIS,
                        Optional.empty(), CONTEST));
        try (Connection c = DriverManager.getConnection(url)) {
            try (PreparedStatement check = c.prepareStatement("INSERT INTO vault_check VALUES (1, ?, ?)")) {
                check.setString(1, vault.subjectHash(VaultCheck.LABEL));
                check.setBytes(2, vault.seal(VaultCheck.LABEL));
                check.execute();
            }
            for (Notice n : told) {
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO notices VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    insert.setLong(1, n.id());
                    insert.setString(2, vault.subjectHash(Fixtures.personId(n.id() == 3 ? 2 : 1)));
                    insert.setString(3, Timestamps.format(n.at()));
                    insert.setString(4, n.kind().name().toLowerCase(java.util.Locale.ROOT));
                    insert.setString(5, n.what());
                    insert.setString(6, n.why());
                    insert.setString(7, n.legalBasis());
                    insert.setString(8, n.until().map(LocalDate::toString).orElse(null));
                    insert.setString(9, n.howToContest());
                    insert.execute();
                }
            }
        }

        try (SqliteStore store = SqliteStore.open(dataDir)) {
            assertThat(store.notices(Fixtures.personId(1))).containsExactly(told.get(0), told.get(1));
            assertThat(store.notices(Fixtures.personId(2))).containsExactly(told.get(2));
        }
        assertThat(rows("SELECT count(*) FROM notice_texts")).containsExactly("4");
        // What a delivery adapter reads, as it read it before.
        assertThat(rows("SELECT id, legal_basis, how_to_contest FROM notices ORDER BY id")).containsExactly(
                "1|" + BASIS + "|" + CONTEST, "2|another basis|Nothing further is needed.", "3|" + BASIS + "|" + CONTEST);
    }

    /** The rows of {@code sql} in the data directory's file, each its columns joined by "|". */
    private List<String> rows(String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve(Database.FILE_NAME));
             ResultSet row = c.createStatement().executeQuery(sql)) {
            int columns = row.getMetaData().getColumnCount();
            while (row.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    values.add(row.getString(i));
                }
                rows.add(String.join("|", values));
            }
        }
        return rows;
    }
}
