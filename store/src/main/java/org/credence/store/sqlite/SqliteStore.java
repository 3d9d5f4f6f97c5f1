package org.credence.store.sqlite;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.credence.store.AuditLog.AuditEvent;
import org.credence.record.RecordState;
import org.credence.record.RecordStream;
import org.credence.record.RecordSubmission;
import org.credence.record.StoredRecord;
import org.credence.store.ApiKey;
import org.credence.store.AuditLog;
import org.credence.store.CatalogStore;
import org.credence.store.KeyFile;
import org.credence.store.KeyStore;
import org.credence.store.RecordStore;
import org.credence.store.RightsStore;
import org.credence.store.Vault;

/**
 * The embedded store: one SQLite file, {@code credence.db}, in the data directory, and beside it the
 * audit trail's index by subject, {@code audit-index.db}: derived data, rebuilt when missing
 * ({@link AuditSubjectIndex}).
 *
 * <p>Why it is built this way:
 * <ul>
 *   <li><b>One connection, one writer.</b> SQLite admits a single writer at a time, so a pool would
 *       only queue on the file lock. Every call takes a lock around one connection instead, which keeps
 *       prepared statements warm and makes the methods safe from any number of threads. Decisions never
 *       come here (they are answered from the in-memory state), so the lock is not on the hot path. The
 *       audit index in its own file has a connection of its own, so that keeping it never holds this
 *       one.</li>
 *   <li><b>WAL with {@code synchronous=FULL}.</b> Every commit is synced to the write-ahead log before
 *       {@link #append} returns, so an acknowledged record survives a killed process and a power cut;
 *       readers in other processes are not blocked by the writer.</li>
 *   <li><b>Batches in one transaction.</b> A bulk import is a single transaction: one sync for the
 *       whole batch, and all or nothing when any record conflicts.</li>
 *   <li><b>Records in blocks.</b> A write's records are kept as {@link RecordBlock}s of up to 1,024, one
 *       row each, whose digest the write's audit entry carries: a tenth of the bytes and of the
 *       writer's time that a row per record cost, and records the trail can prove unchanged.</li>
 *   <li><b>No identity in the file.</b> Subject ids are stored as keyed hashes, and ids, names and
 *       details sealed with AES-GCM, under keys kept in a separate key file ({@link KeyFile}); the
 *       record interfaces still speak plain ids, and the store hashes, seals and opens inside.</li>
 *   <li><b>Schema by Flyway.</b> Versioned migrations under {@code db/migration/sqlite} (and
 *       {@code db/migration/sqlite-index} for the audit index) run on open, so an old data directory is
 *       brought up to date by the release that reads it.</li>
 * </ul>
 */
public final class SqliteStore implements RecordStore, CatalogStore, KeyStore, RightsStore, AutoCloseable {

    private final Database db;
    private final Vault vault;
    private final SqliteRecords records;
    private final SqliteCatalogs catalogs;
    private final SqliteKeys keys;
    private final AuditSubjectIndex auditIndex;
    private final SqliteRights rights;
    private final SqliteAuditLog audit;

    private SqliteStore(Database db, Vault vault, Path dataDir) {
        this.db = db;
        this.vault = vault;
        this.records = new SqliteRecords(db, vault);
        this.catalogs = new SqliteCatalogs(db);
        this.keys = new SqliteKeys(db, vault);
        this.rights = new SqliteRights(db, vault);
        // Last: the audit writer's thread, which nothing would stop if a later step threw.
        this.auditIndex = AuditSubjectIndex.open(dataDir);
        this.audit = new SqliteAuditLog(db, auditIndex);
    }

    /**
     * Opens the store in {@code dataDir} with the key file beside the database
     * ({@link KeyFile#defaultLocation}), creating the directory, the database and the key file as needed.
     */
    public static SqliteStore open(Path dataDir) {
        return open(dataDir, KeyFile.defaultLocation(dataDir));
    }

    /**
     * Keeps the audit trail's index by subject up to date from now on, in a thread of its own; a server
     * calls it once its state is loaded. A command that exits when done does not: it leaves the index to
     * the next server rather than spend half a core on a catch-up it would abandon at exit. Answers are
     * exact either way: what the runs lack is read from the trail.
     */
    public void keepAuditIndex() {
        auditIndex.startKeeping();
    }

    /**
     * Opens the store in {@code dataDir} with the keys in {@code keyFile}. A new data directory gets a new
     * key file; one that holds data is opened only with the key file it was created with: a missing or
     * different one fails with a {@link org.credence.store.StoreException} that says so, and nothing is
     * regenerated.
     */
    public static SqliteStore open(Path dataDir, Path keyFile) {
        return open(dataDir, keyFile, Clock.systemUTC());
    }

    /**
     * As {@link #open(Path, Path)}; {@code clock} times the audit entries of what opening itself writes
     * (records of before schema version 7 moved into blocks, once).
     */
    public static SqliteStore open(Path dataDir, Path keyFile, Clock clock) {
        Database db = Database.open(dataDir);
        try {
            Vault vault = VaultCheck.bind(db, dataDir, keyFile);
            LegacyRecords.convert(db, vault, clock);
            return new SqliteStore(db, vault, dataDir);
        } catch (RuntimeException e) {
            try {
                db.close();
            } catch (RuntimeException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    /** The keys subject ids are hashed and personal fields sealed with, for the other stores of this node. */
    public Vault vault() {
        return vault;
    }

    @Override
    public AppendResult append(List<RecordSubmission> submissions, Instant recordedAt, AuditedBy audit) {
        return records.append(submissions, recordedAt, audit);
    }

    @Override
    public void forEach(Consumer<StoredRecord> sink) {
        records.forEach(sink);
    }

    @Override
    public void forEachFact(long firstId, long lastId, Consumer<Fact> sink) {
        records.forEachFact(firstId, lastId, sink);
    }

    @Override
    public ImportResult importRecords(RecordStream stream, Instant recordedAt, AuditedBy audit,
                                      Consumer<List<StoredRecord>> numbered) {
        return records.importRecords(stream, recordedAt, audit, numbered);
    }

    @Override
    public Optional<String> latestName(long[] recordIds) {
        return records.latestName(recordIds);
    }

    @Override
    public Optional<StoredRecord> record(long id) {
        return records.record(id);
    }

    @Override
    public RecordsVerification verifyRecords() {
        return records.verifyRecords();
    }

    /**
     * Sets a record's state alone, for tests: the store sets one only with the upheld dispute or
     * approved repair behind it ({@link #resolveDispute}, {@link #decideRepair}), and
     * {@link #verifyRecords} reports a state without one. False when no record has that id.
     */
    boolean setState(long id, RecordState state) {
        return records.setState(id, state);
    }

    @Override
    public long lastId() {
        return records.lastId();
    }

    @Override
    public CatalogVersion activate(String catalogId, int version, String source, Instant loadedAt,
                                   AuditLog.AuditEvent audit) {
        return catalogs.activate(catalogId, version, source, loadedAt, audit);
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
    public void create(ApiKey key, AuditLog.AuditEvent audit) {
        keys.create(key, audit);
    }

    @Override
    public Optional<ApiKey> byHash(String keyHash) {
        return keys.byHash(keyHash);
    }

    @Override
    public List<ApiKey> all() {
        return keys.all();
    }

    /** The hash-chained audit trail, in the same database file. */
    public AuditLog audit() {
        return audit;
    }

    /**
     * Writes the audit entries still queued, stops the audit index's keeper, then closes the database;
     * later calls fail with {@link IllegalStateException}.
     */
    @Override
    public void close() {
        try {
            audit.close();
        } finally {
            try {
                auditIndex.close();
            } finally {
                db.close();
            }
        }
    }

    @Override
    public Dispute openDispute(long recordId, String subjectId, String reason, Actor by, Instant at, LocalDate deadline,
                               Function<Dispute, AuditEvent> audit) {
        return rights.openDispute(recordId, subjectId, reason, by, at, deadline, audit);
    }

    @Override
    public Optional<Dispute> dispute(long id) {
        return rights.dispute(id);
    }

    @Override
    public List<Dispute> disputes(Optional<Dispute.Status> status) {
        return rights.disputes(status);
    }

    @Override
    public Dispute resolveDispute(long id, Dispute.Status outcome, String note, Actor by, Instant at,
                                  Function<Dispute, AuditEvent> audit, Function<Dispute, Notice> notice) {
        return rights.resolveDispute(id, outcome, note, by, at, audit, notice);
    }

    @Override
    public Repair requestRepair(long recordId, String subjectId, String evidence, Actor by, Instant at,
                                Function<Repair, AuditEvent> audit) {
        return rights.requestRepair(recordId, subjectId, evidence, by, at, audit);
    }

    @Override
    public Optional<Repair> repair(long id) {
        return rights.repair(id);
    }

    @Override
    public List<Repair> repairs(Optional<Repair.Status> status) {
        return rights.repairs(status);
    }

    @Override
    public Repair decideRepair(long id, Repair.Status outcome, String note, Actor by, Instant at,
                               Function<Repair, AuditEvent> audit, Function<Repair, Notice> notice) {
        return rights.decideRepair(id, outcome, note, by, at, audit, notice);
    }

    @Override
    public List<Notice> notifyAll(List<Addressed> notices) {
        return rights.notifyAll(notices);
    }

    @Override
    public List<Notice> notices(String subjectId) {
        return rights.notices(subjectId);
    }
}
