package org.credence.store.sqlite;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.credence.record.RecordState;
import org.credence.record.RecordSubmission;
import org.credence.record.StoredRecord;
import org.credence.record.SubjectRef;
import org.credence.store.ApiKey;
import org.credence.store.CatalogStore;
import org.credence.store.KeyStore;
import org.credence.store.RecordStore;

/**
 * The embedded store: one SQLite file, {@code credence.db}, in the data directory.
 *
 * <p>Why it is built this way:
 * <ul>
 *   <li><b>One connection, one writer.</b> SQLite admits a single writer at a time, so a pool would
 *       only queue on the file lock. Every call takes a lock around one connection instead, which keeps
 *       prepared statements warm and makes the methods safe from any number of threads. Decisions never
 *       come here (they are answered from the in-memory state), so the lock is not on the hot path.</li>
 *   <li><b>WAL with {@code synchronous=FULL}.</b> Every commit is synced to the write-ahead log before
 *       {@link #append} returns, so an acknowledged record survives a killed process and a power cut;
 *       readers in other processes are not blocked by the writer.</li>
 *   <li><b>Batches in one transaction.</b> A bulk import is a single transaction of reused prepared
 *       inserts: one sync for the whole batch, and all or nothing when any record conflicts.</li>
 *   <li><b>Schema by Flyway.</b> Versioned migrations under {@code db/migration/sqlite} run on open, so
 *       an old data directory is brought up to date by the release that reads it.</li>
 * </ul>
 */
public final class SqliteStore implements RecordStore, CatalogStore, KeyStore, AutoCloseable {

    private final Database db;
    private final SqliteRecords records;
    private final SqliteCatalogs catalogs;
    private final SqliteKeys keys;

    private SqliteStore(Database db) {
        this.db = db;
        this.records = new SqliteRecords(db);
        this.catalogs = new SqliteCatalogs(db);
        this.keys = new SqliteKeys(db);
    }

    /** Opens the store in {@code dataDir}, creating the directory and the database as needed. */
    public static SqliteStore open(Path dataDir) {
        return new SqliteStore(Database.open(dataDir));
    }

    @Override
    public AppendResult append(List<RecordSubmission> submissions, Instant recordedAt) {
        return records.append(submissions, recordedAt);
    }

    @Override
    public void forEach(Consumer<StoredRecord> sink) {
        records.forEach(sink);
    }

    @Override
    public List<StoredRecord> recordsOf(String subjectId) {
        return records.recordsOf(subjectId);
    }

    @Override
    public Optional<SubjectRef> subject(String subjectId) {
        return records.subject(subjectId);
    }

    @Override
    public Optional<StoredRecord> record(long id) {
        return records.record(id);
    }

    @Override
    public boolean setState(long id, RecordState state) {
        return records.setState(id, state);
    }

    @Override
    public long count() {
        return records.count();
    }

    @Override
    public CatalogVersion activate(String catalogId, int version, String source, Instant loadedAt) {
        return catalogs.activate(catalogId, version, source, loadedAt);
    }

    @Override
    public Optional<CatalogVersion> active() {
        return catalogs.active();
    }

    @Override
    public List<CatalogVersion> versions() {
        return catalogs.versions();
    }

    @Override
    public void create(ApiKey key) {
        keys.create(key);
    }

    @Override
    public Optional<ApiKey> byHash(String keyHash) {
        return keys.byHash(keyHash);
    }

    @Override
    public List<ApiKey> all() {
        return keys.all();
    }

    /** Closes the database; later calls fail with {@link IllegalStateException}. */
    @Override
    public void close() {
        db.close();
    }
}
