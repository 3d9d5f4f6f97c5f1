package org.credence.store.sqlite;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.credence.store.AuditLog;
import org.credence.store.CatalogStore;
import org.credence.store.RecordStore;

/** The {@code catalogs} table. */
final class SqliteCatalogs implements CatalogStore {

    private static final String COLUMNS = "catalog_id, version, source, loaded_at, active";
    private static final String FIND = "SELECT " + COLUMNS + " FROM catalogs WHERE catalog_id = ? AND version = ?";
    private static final String ACTIVE = "SELECT " + COLUMNS + " FROM catalogs WHERE active = 1";
    private static final String ACTIVE_VERSION = "SELECT catalog_id, version FROM catalogs WHERE active = 1";
    // Rowid order is load order, whatever clock the callers passed in.
    private static final String ALL = "SELECT " + COLUMNS + " FROM catalogs ORDER BY rowid";
    private static final String DEACTIVATE = "UPDATE catalogs SET active = 0 WHERE active = 1";
    private static final String REACTIVATE = "UPDATE catalogs SET active = 1 WHERE catalog_id = ? AND version = ?";
    private static final String INSERT =
            "INSERT INTO catalogs (" + COLUMNS + ") VALUES (?, ?, ?, ?, 1)";

    private final Database db;

    SqliteCatalogs(Database db) {
        this.db = db;
    }

    /**
     * {@inheritDoc} A reactivated version keeps the time it was first loaded: that is when its text
     * entered the system.
     */
    @Override
    public CatalogVersion activate(String catalogId, int version, String source, Instant loadedAt,
                                   AuditLog.AuditEvent audit) {
        return db.transaction((d, transaction) -> {
            Optional<CatalogVersion> existing = find(d, catalogId, version);
            if (existing.isPresent() && !existing.get().source().equals(source)) {
                throw new IllegalStateException("catalog " + catalogId + " version " + version
                        + " is already loaded with different text; a published version never changes");
            }
            AuditChain.appendIn(d, audit);
            // Deactivate first: the partial unique index allows one active row at any moment.
            d.prepare(DEACTIVATE).executeUpdate();
            if (existing.isPresent()) {
                PreparedStatement reactivate = d.prepare(REACTIVATE);
                reactivate.setString(1, catalogId);
                reactivate.setInt(2, version);
                reactivate.executeUpdate();
                return new CatalogVersion(catalogId, version, source, existing.get().loadedAt(), true);
            }
            PreparedStatement insert = d.prepare(INSERT);
            insert.setString(1, catalogId);
            insert.setInt(2, version);
            insert.setString(3, source);
            insert.setString(4, Timestamps.format(loadedAt));
            insert.executeUpdate();
            return new CatalogVersion(catalogId, version, source, loadedAt, true);
        });
    }

    @Override
    public Optional<CatalogVersion> active() {
        return db.read(d -> first(list(d.prepare(ACTIVE))));
    }

    /**
     * The active version as {@code d} sees it, without its text: inside a write's transaction, which holds
     * the file's write lock from its start, no other process can change it before the commit.
     */
    static Optional<RecordStore.CheckedUnder> activeVersion(Database d) throws SQLException {
        try (ResultSet row = d.prepare(ACTIVE_VERSION).executeQuery()) {
            return row.next() ? Optional.of(new RecordStore.CheckedUnder(row.getString(1), row.getInt(2))) : Optional.empty();
        }
    }

    @Override
    public List<CatalogVersion> versions() {
        return db.read(d -> list(d.prepare(ALL)));
    }

    private static Optional<CatalogVersion> find(Database d, String catalogId, int version) throws SQLException {
        PreparedStatement query = d.prepare(FIND);
        query.setString(1, catalogId);
        query.setInt(2, version);
        return first(list(query));
    }

    private static Optional<CatalogVersion> first(List<CatalogVersion> versions) {
        return versions.isEmpty() ? Optional.empty() : Optional.of(versions.getFirst());
    }

    private static List<CatalogVersion> list(PreparedStatement query) throws SQLException {
        List<CatalogVersion> versions = new ArrayList<>();
        try (ResultSet row = query.executeQuery()) {
            while (row.next()) {
                versions.add(new CatalogVersion(row.getString(1), row.getInt(2), row.getString(3),
                        Timestamps.parse(row.getString(4)), row.getInt(5) == 1));
            }
        }
        return versions;
    }
}
