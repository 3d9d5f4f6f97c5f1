package org.credence.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.credence.store.StoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {

    @TempDir
    Path dataDir;

    private static String pragma(Database db, String name) {
        return db.read(d -> {
            try (ResultSet row = d.prepare("PRAGMA " + name).executeQuery()) {
                row.next();
                return row.getString(1);
            }
        });
    }

    @Test
    void theConnectionIsDurableAndChecked() {
        try (Database db = Database.open(dataDir)) {
            assertThat(pragma(db, "journal_mode")).isEqualTo("wal");
            assertThat(pragma(db, "synchronous")).isEqualTo("2");
            assertThat(pragma(db, "foreign_keys")).isEqualTo("1");
            assertThat(Integer.parseInt(pragma(db, "busy_timeout"))).isPositive();
        }
    }

    @Test
    void aStatementThatFailedIsPreparedAfreshOnceTheCauseHasPassed() throws Exception {
        try (Database db = Database.open(dataDir);
             Connection other = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve(Database.FILE_NAME))) {
            String count = "SELECT count(*) FROM disputes";
            assertThat(count(db, count)).isZero();
            // Another process changes the schema under the kept statement, then changes it back.
            other.createStatement().execute("ALTER TABLE disputes RENAME TO disputes_away");
            assertThatThrownBy(() -> count(db, count)).isInstanceOf(StoreException.class);
            other.createStatement().execute("ALTER TABLE disputes_away RENAME TO disputes");

            assertThat(count(db, count)).isZero();
        }
    }

    private static long count(Database db, String sql) {
        return db.read(d -> {
            try (ResultSet row = d.prepare(sql).executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        });
    }

    @Test
    void theSchemaIsMigratedOnceAndReopeningKeepsIt() {
        Database.open(dataDir).close();
        try (Database db = Database.open(dataDir)) {
            List<String> applied = db.read(d -> {
                try (ResultSet rows = d.prepare(
                        "SELECT version FROM flyway_schema_history WHERE success = 1 ORDER BY installed_rank")
                        .executeQuery()) {
                    List<String> versions = new ArrayList<>();
                    while (rows.next()) {
                        versions.add(rows.getString(1));
                    }
                    return versions;
                }
            });
            assertThat(applied).containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9");
            // Records are found by id (through the hot index) and by source reference, each by its table's
            // own key, never by subject: no index of a random key for an insert to rewrite.
            List<String> recordIndexes = db.read(d -> {
                try (ResultSet rows = d.prepare("SELECT name FROM sqlite_schema WHERE type = 'index'"
                        + " AND tbl_name IN ('record_blocks', 'record_refs', 'record_states')").executeQuery()) {
                    List<String> names = new ArrayList<>();
                    while (rows.next()) {
                        names.add(rows.getString(1));
                    }
                    return names;
                }
            });
            assertThat(recordIndexes).isEmpty();
        }
    }

    @Test
    void theAuditIndexHasAFileAndMigrationsOfItsOwn() {
        Database.open(dataDir).close();
        try (Database index = Database.openIndex(dataDir)) {
            List<String> tables = index.read(d -> {
                try (ResultSet rows = d.prepare("SELECT 'main.' || name FROM main.sqlite_schema WHERE name LIKE 'audit%'"
                        + " UNION ALL SELECT 'trail.' || name FROM trail.sqlite_schema WHERE name LIKE 'audit%'"
                        + " ORDER BY 1").executeQuery()) {
                    List<String> names = new ArrayList<>();
                    while (rows.next()) {
                        names.add(rows.getString(1));
                    }
                    return names;
                }
            });
            assertThat(tables).containsExactly("main.audit_merges", "main.audit_run_blocks", "main.audit_runs",
                    "trail.audit", "trail.audit_by_time");
            // Derived from durable entries, the index's own commits are not synced.
            assertThat(pragma(index, "synchronous")).isEqualTo("1");
            // The trail is attached read-only: nothing on the index's connection can change it.
            assertThatThrownBy(() -> index.read(d -> {
                d.execute("DELETE FROM trail.audit");
                return null;
            })).isInstanceOf(StoreException.class).hasMessageContaining("database failure")
                    .rootCause().hasMessageContaining("readonly");
        }
    }

    private static int catalogRows(Database db) {
        return db.read(d -> {
            try (ResultSet row = d.prepare("SELECT count(*) FROM catalogs").executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        });
    }

    private static void insertCatalog(Database d) throws SQLException {
        d.prepare("INSERT INTO catalogs (catalog_id, version, source, loaded_at) VALUES ('x', 1, '', '')")
                .executeUpdate();
    }

    @Test
    void aFailingTransactionLeavesNothing() {
        try (Database db = Database.open(dataDir)) {
            assertThatThrownBy(() -> db.transaction((d, transaction) -> {
                insertCatalog(d);
                throw new SQLException("disk on fire");
            })).isInstanceOf(StoreException.class).hasRootCauseMessage("disk on fire");

            assertThat(catalogRows(db)).isZero();
        }
    }

    @Test
    void evenAnErrorRollsTheTransactionBack() {
        try (Database db = Database.open(dataDir)) {
            assertThatThrownBy(() -> db.transaction((d, transaction) -> {
                insertCatalog(d);
                throw new OutOfMemoryError("pretend");
            })).isInstanceOf(OutOfMemoryError.class);

            assertThat(catalogRows(db)).isZero();
        }
    }

    @Test
    void aClosedStoreRefusesWork() {
        SqliteStore store = SqliteStore.open(dataDir);
        store.close();
        store.close();

        assertThatThrownBy(store::count).isInstanceOf(IllegalStateException.class);
    }
}
