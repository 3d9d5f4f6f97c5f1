package org.credence.store.sqlite;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.credence.record.RecordState;
import org.credence.record.RecordStream;
import org.credence.record.RecordSubmission;
import org.credence.record.StoredRecord;
import org.credence.store.RecordStore;
import org.credence.store.Vault;

/** The {@code records} table. */
final class SqliteRecords implements RecordStore {

    /**
     * Records handed to {@link #forEach} per trip to the database: enough to amortise the query, few
     * enough that the lock is free for writers between pages and memory stays flat.
     */
    static final int PAGE_SIZE = 10_000;

    private static final String BY_ID = "SELECT " + RecordRows.COLUMNS + " FROM records WHERE id = ?";
    private static final String PAGE =
            "SELECT " + RecordRows.COLUMNS + " FROM records WHERE id > ? ORDER BY id LIMIT ?";
    private static final String NAME = "SELECT subject_name_sealed FROM records WHERE id = ?";
    private static final String SET_STATE = "UPDATE records SET state = ? WHERE id = ?";
    private static final String COUNT = "SELECT count(*) FROM records";

    private final Database db;
    private final Vault vault;
    private final RecordAppender appender;
    private final RecordTypeNumbers types = new RecordTypeNumbers();

    SqliteRecords(Database db, Vault vault) {
        this.db = db;
        this.vault = vault;
        this.appender = new RecordAppender(db, vault);
    }

    @Override
    public AppendResult append(List<RecordSubmission> records, Instant recordedAt, AuditedBy audit) {
        return appender.append(records, recordedAt, audit);
    }

    @Override
    public ImportResult importRecords(RecordStream stream, Instant recordedAt, AuditedBy audit) {
        return appender.importRecords(stream, recordedAt, audit);
    }

    @Override
    public void forEach(Consumer<StoredRecord> sink) {
        // Pages by id rather than one long cursor: the sink runs outside the lock, and no read
        // transaction stays open long enough to stop the log from being checkpointed.
        long after = 0;
        while (true) {
            long from = after;
            List<StoredRecord> page = db.read(d -> list(d.prepare(PAGE), from, PAGE_SIZE));
            if (page.isEmpty()) {
                return;
            }
            page.forEach(sink);
            after = page.getLast().id();
        }
    }

    @Override
    public void forEachFact(long firstId, long lastId, Consumer<Fact> sink) {
        new FactReader(db, vault, types).forEach(firstId, lastId, sink);
    }

    @Override
    public Optional<String> latestName(long[] recordIds) {
        long[] newestFirst = recordIds.clone();
        Arrays.sort(newestFirst);
        return db.read(d -> {
            PreparedStatement query = d.prepare(NAME);
            // A subject has a handful of records: one look-up by id each, newest first, beats building
            // an IN list per call.
            for (int i = newestFirst.length - 1; i >= 0; i--) {
                query.setLong(1, newestFirst[i]);
                try (ResultSet row = query.executeQuery()) {
                    byte[] name = row.next() ? row.getBytes(1) : null;
                    if (name != null) {
                        return Optional.of(vault.open(name));
                    }
                }
            }
            return Optional.<String>empty();
        });
    }

    @Override
    public Optional<StoredRecord> record(long id) {
        return db.read(d -> byId(d, id));
    }

    private Optional<StoredRecord> byId(Database d, long id) throws SQLException {
        PreparedStatement query = d.prepare(BY_ID);
        query.setLong(1, id);
        List<StoredRecord> found = list(query);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.getFirst());
    }

    @Override
    public boolean setState(long id, RecordState state) {
        return db.read(d -> {
            PreparedStatement update = d.prepare(SET_STATE);
            update.setString(1, RecordRows.code(state));
            update.setLong(2, id);
            return update.executeUpdate() == 1;
        });
    }

    @Override
    public long count() {
        return db.read(d -> {
            try (ResultSet row = d.prepare(COUNT).executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        });
    }

    private List<StoredRecord> list(PreparedStatement query, long after, int limit) throws SQLException {
        query.setLong(1, after);
        query.setInt(2, limit);
        return list(query);
    }

    private List<StoredRecord> list(PreparedStatement query) throws SQLException {
        RecordRows rows = new RecordRows(vault);
        List<StoredRecord> records = new ArrayList<>();
        try (ResultSet row = query.executeQuery()) {
            while (row.next()) {
                records.add(rows.read(row));
            }
        }
        return records;
    }
}
