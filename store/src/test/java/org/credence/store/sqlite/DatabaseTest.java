package org.credence.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
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
            assertThat(applied).containsExactly("1", "2", "3", "4");
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
