package org.credence.store.sqlite;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.credence.record.RecordState;
import org.credence.store.AuditLog.AuditEvent;
import org.credence.store.RightsStore;
import org.credence.store.Vault;

/**
 * Disputes, repairs and notices. A notice is a row of {@code notice_rows} whose shared texts are in
 * {@code notice_texts}; the view {@code notices} reads it whole.
 */
final class SqliteRights implements RightsStore {

    private static final String DISPUTE_COLUMNS = "id, record_id, subject_sealed, reason_sealed, opened_by, opened_role, "
            + "opened_at, deadline, status, resolved_by, resolved_role, resolved_at, note_sealed";
    private static final String REPAIR_COLUMNS = "id, record_id, subject_sealed, evidence_sealed, requested_by, "
            + "requested_role, requested_at, status, decided_by, decided_role, decided_at, note_sealed";
    private static final String NOTICE_COLUMNS = "id, at, kind, what, why, legal_basis, until, how_to_contest";

    private final Database db;
    private final Vault vault;

    private static final String LAST_NOTICE = "SELECT coalesce(max(id), 0) FROM notice_rows";
    private static final String INSERT_NOTICE = "INSERT INTO notice_rows (id, subject_hash, at, kind, what, why,"
            + " legal_basis_text, until, how_to_contest_text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String TEXT = "SELECT id FROM notice_texts WHERE text = ?";
    private static final String NEW_TEXT = "INSERT INTO notice_texts (text) VALUES (?) RETURNING id";

    SqliteRights(Database db, Vault vault) {
        this.db = db;
        this.vault = vault;
    }

    @Override
    public Dispute openDispute(long recordId, String subjectId, String reason, Actor by, Instant at, LocalDate deadline,
                               Function<Dispute, AuditEvent> audit) {
        return db.transaction((d, tx) -> {
            requireRecord(d, recordId);
            refuseIfPending(d, "disputes", "open", recordId, "an open dispute");
            PreparedStatement insert = d.prepare("INSERT INTO disputes (record_id, subject_hash, subject_sealed, reason_sealed, "
                    + "opened_by, opened_role, opened_at, deadline, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'open') RETURNING id");
            insert.setLong(1, recordId);
            insert.setString(2, vault.subjectHash(subjectId));
            insert.setBytes(3, vault.seal(subjectId));
            insert.setBytes(4, vault.seal(reason));
            insert.setString(5, by.name());
            insert.setString(6, by.role());
            insert.setString(7, Timestamps.format(at));
            insert.setString(8, deadline.toString());
            long id = returnedId(insert);
            return audited(d, new Dispute(id, recordId, subjectId, reason, by, at, deadline, Dispute.Status.OPEN,
                    Optional.empty()), audit);
        });
    }

    @Override
    public Optional<Dispute> dispute(long id) {
        return db.read(d -> dispute(d, id));
    }

    private Optional<Dispute> dispute(Database d, long id) throws SQLException {
        return byId(d, "disputes", DISPUTE_COLUMNS, id, this::dispute);
    }

    @Override
    public List<Dispute> disputes(Optional<Dispute.Status> status) {
        return queue("disputes", DISPUTE_COLUMNS, status.map(SqliteRights::code), "deadline, id", this::dispute);
    }

    @Override
    public Dispute resolveDispute(long id, Dispute.Status outcome, String note, Actor by, Instant at,
                                  Function<Dispute, AuditEvent> audit, Function<Dispute, Notice> notice) {
        if (outcome == Dispute.Status.OPEN) {
            throw new IllegalArgumentException("a resolution is upheld or rejected");
        }
        return db.transaction((d, tx) -> {
            long recordId = settle(d, "disputes", "open", "resolved", id, code(outcome), note, by, at, "dispute " + id + " is not open");
            if (outcome == Dispute.Status.UPHELD) {
                setRecordState(d, recordId, RecordState.ANNULLED);
            }
            Dispute resolved = dispute(d, id).orElseThrow();
            insertNotices(d, List.of(new Addressed(resolved.subjectId(), notice.apply(resolved))));
            return audited(d, resolved, audit);
        });
    }

    @Override
    public Repair requestRepair(long recordId, String subjectId, String evidence, Actor by, Instant at,
                                Function<Repair, AuditEvent> audit) {
        return db.transaction((d, tx) -> {
            requireRecord(d, recordId);
            refuseIfPending(d, "repairs", "requested", recordId, "a pending repair request");
            PreparedStatement insert = d.prepare("INSERT INTO repairs (record_id, subject_hash, subject_sealed, evidence_sealed, "
                    + "requested_by, requested_role, requested_at, status) VALUES (?, ?, ?, ?, ?, ?, ?, 'requested') RETURNING id");
            insert.setLong(1, recordId);
            insert.setString(2, vault.subjectHash(subjectId));
            insert.setBytes(3, vault.seal(subjectId));
            insert.setBytes(4, vault.seal(evidence));
            insert.setString(5, by.name());
            insert.setString(6, by.role());
            insert.setString(7, Timestamps.format(at));
            long id = returnedId(insert);
            return audited(d, new Repair(id, recordId, subjectId, evidence, by, at, Repair.Status.REQUESTED,
                    Optional.empty()), audit);
        });
    }

    @Override
    public Optional<Repair> repair(long id) {
        return db.read(d -> repair(d, id));
    }

    private Optional<Repair> repair(Database d, long id) throws SQLException {
        return byId(d, "repairs", REPAIR_COLUMNS, id, this::repair);
    }

    @Override
    public List<Repair> repairs(Optional<Repair.Status> status) {
        return queue("repairs", REPAIR_COLUMNS, status.map(SqliteRights::code), "id", this::repair);
    }

    @Override
    public Repair decideRepair(long id, Repair.Status outcome, String note, Actor by, Instant at,
                               Function<Repair, AuditEvent> audit, Function<Repair, Notice> notice) {
        if (outcome == Repair.Status.REQUESTED) {
            throw new IllegalArgumentException("a decision is approved or refused");
        }
        return db.transaction((d, tx) -> {
            long recordId = settle(d, "repairs", "requested", "decided", id, code(outcome), note, by, at,
                    "repair request " + id + " is not pending");
            if (outcome == Repair.Status.APPROVED) {
                setRecordState(d, recordId, RecordState.REPAIRED);
            }
            Repair decided = repair(d, id).orElseThrow();
            insertNotices(d, List.of(new Addressed(decided.subjectId(), notice.apply(decided))));
            return audited(d, decided, audit);
        });
    }

    @Override
    public List<Notice> notifyAll(List<Addressed> notices) {
        return db.transaction((d, tx) -> insertNotices(d, notices));
    }

    /**
     * Stores {@code notices} in one batch, numbered here: the transaction holds the write lock, so the
     * ids after the highest are free, and an insert that returned its id cost a result set each (a
     * 10-million-record import's 278,000 notices took 4 s that way). A batch carries a few distinct
     * texts however many notices it holds, so each is looked up once, not twice a notice.
     */
    private List<Notice> insertNotices(Database d, List<Addressed> notices) throws SQLException {
        long id;
        try (ResultSet row = d.prepare(LAST_NOTICE).executeQuery()) {
            row.next();
            id = row.getLong(1);
        }
        PreparedStatement insert = d.prepare(INSERT_NOTICE);
        Map<String, Long> texts = new HashMap<>();
        List<Notice> stored = new ArrayList<>(notices.size());
        for (Addressed addressed : notices) {
            Notice n = addressed.notice();
            insert.setLong(1, ++id);
            insert.setString(2, vault.subjectHash(addressed.subjectId()));
            insert.setString(3, Timestamps.format(n.at()));
            insert.setString(4, code(n.kind()));
            insert.setString(5, n.what());
            insert.setString(6, n.why());
            insert.setLong(7, textId(d, texts, n.legalBasis()));
            insert.setString(8, n.until().map(LocalDate::toString).orElse(null));
            insert.setLong(9, textId(d, texts, n.howToContest()));
            insert.addBatch();
            stored.add(new Notice(id, n.at(), n.kind(), n.what(), n.why(), n.legalBasis(), n.until(), n.howToContest()));
        }
        if (!stored.isEmpty()) {
            insert.executeBatch();
        }
        return stored;
    }

    /**
     * The number of {@code text} in {@code notice_texts}, kept there now if it is new; {@code known}
     * holds those of this transaction, and goes with it.
     */
    private static long textId(Database d, Map<String, Long> known, String text) throws SQLException {
        Long id = known.get(text);
        if (id == null) {
            id = storedTextId(d, text);
            known.put(text, id);
        }
        return id;
    }

    /** The number {@code notice_texts} holds {@code text} under, or gives it now. */
    private static long storedTextId(Database d, String text) throws SQLException {
        PreparedStatement find = d.prepare(TEXT);
        find.setString(1, text);
        try (ResultSet row = find.executeQuery()) {
            if (row.next()) {
                return row.getLong(1);
            }
        }
        PreparedStatement keep = d.prepare(NEW_TEXT);
        keep.setString(1, text);
        return returnedId(keep);
    }

    @Override
    public List<Notice> notices(String subjectId) {
        return db.read(d -> {
            PreparedStatement query = d.prepare("SELECT " + NOTICE_COLUMNS + " FROM notices WHERE subject_hash = ? ORDER BY id");
            query.setString(1, vault.subjectHash(subjectId));
            return all(query, rows -> {
                String until = rows.getString(7);
                return new Notice(rows.getLong(1), Timestamps.parse(rows.getString(2)),
                        Notice.Kind.valueOf(rows.getString(3).toUpperCase(Locale.ROOT)), rows.getString(4),
                        rows.getString(5), rows.getString(6),
                        until == null ? Optional.empty() : Optional.of(LocalDate.parse(until)), rows.getString(8));
            });
        });
    }

    /** Turns the current row into a value. */
    private interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    /** The rows of {@code table}, all or those in {@code status}, in {@code order}: the operators' queues. */
    private <T> List<T> queue(String table, String columns, Optional<String> status, String order, RowReader<T> reader) {
        return db.read(d -> {
            PreparedStatement query = d.prepare("SELECT " + columns + " FROM " + table
                    + (status.isPresent() ? " WHERE status = ?" : "") + " ORDER BY " + order);
            if (status.isPresent()) {
                query.setString(1, status.get());
            }
            return all(query, reader);
        });
    }

    private static <T> Optional<T> byId(Database d, String table, String columns, long id, RowReader<T> reader)
            throws SQLException {
        PreparedStatement find = d.prepare("SELECT " + columns + " FROM " + table + " WHERE id = ?");
        find.setLong(1, id);
        List<T> found = all(find, reader);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.getFirst());
    }

    private static <T> List<T> all(PreparedStatement query, RowReader<T> reader) throws SQLException {
        List<T> out = new ArrayList<>();
        try (ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                out.add(reader.read(rows));
            }
        }
        return out;
    }

    /** Refuses a second pending row of {@code table} for one record: one open question at a time. */
    private static void refuseIfPending(Database d, String table, String pending, long recordId, String what)
            throws SQLException {
        PreparedStatement find = d.prepare("SELECT id FROM " + table + " WHERE record_id = ? AND status = '" + pending + "'");
        find.setLong(1, recordId);
        try (ResultSet rows = find.executeQuery()) {
            if (rows.next()) {
                throw new IllegalStateException("record " + recordId + " already has " + what + " (" + rows.getLong(1) + ")");
            }
        }
    }

    /**
     * Moves a pending row of {@code table} to {@code outcome}, recording who settled it ({@code prefix}_by,
     * _role, _at) and the sealed note; returns its record id. Refused, with {@code refusal}, when the row is
     * not pending.
     */
    private long settle(Database d, String table, String pending, String prefix, long id, String outcome, String note,
                        Actor by, Instant at, String refusal) throws SQLException {
        PreparedStatement update = d.prepare("UPDATE " + table + " SET status = ?, " + prefix + "_by = ?, " + prefix
                + "_role = ?, " + prefix + "_at = ?, note_sealed = ? WHERE id = ? AND status = '" + pending + "' RETURNING record_id");
        update.setString(1, outcome);
        update.setString(2, by.name());
        update.setString(3, by.role());
        update.setString(4, Timestamps.format(at));
        update.setBytes(5, vault.seal(note));
        update.setLong(6, id);
        try (ResultSet rows = update.executeQuery()) {
            if (!rows.next()) {
                throw new IllegalStateException(refusal);
            }
            return rows.getLong(1);
        }
    }

    /** Chains the entry {@code audit} makes of {@code written} in the write's own transaction. */
    private static <T> T audited(Database d, T written, Function<T, AuditEvent> audit) throws SQLException {
        AuditChain.appendIn(d, audit.apply(written));
        return written;
    }

    private static void requireRecord(Database d, long recordId) throws SQLException {
        if (!RecordBlocks.exists(d, recordId)) {
            throw new IllegalStateException("record " + recordId + " does not exist");
        }
    }

    private static void setRecordState(Database d, long recordId, RecordState state) throws SQLException {
        if (!RecordBlocks.setState(d, recordId, state)) {
            throw new IllegalStateException("record " + recordId + " does not exist");
        }
    }

    private static long returnedId(PreparedStatement insert) throws SQLException {
        try (ResultSet rows = insert.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private Dispute dispute(ResultSet rows) throws SQLException {
        Dispute.Status status = Dispute.Status.valueOf(rows.getString(9).toUpperCase(Locale.ROOT));
        return new Dispute(rows.getLong(1), rows.getLong(2), vault.open(rows.getBytes(3)), vault.open(rows.getBytes(4)),
                new Actor(rows.getString(5), rows.getString(6)), Timestamps.parse(rows.getString(7)),
                LocalDate.parse(rows.getString(8)), status, resolution(rows, 10));
    }

    private Repair repair(ResultSet rows) throws SQLException {
        Repair.Status status = Repair.Status.valueOf(rows.getString(8).toUpperCase(Locale.ROOT));
        return new Repair(rows.getLong(1), rows.getLong(2), vault.open(rows.getBytes(3)), vault.open(rows.getBytes(4)),
                new Actor(rows.getString(5), rows.getString(6)), Timestamps.parse(rows.getString(7)), status,
                resolution(rows, 9));
    }

    /** The by/role/at/note columns starting at {@code first}, when set. */
    private Optional<Resolution> resolution(ResultSet rows, int first) throws SQLException {
        String by = rows.getString(first);
        if (by == null) {
            return Optional.empty();
        }
        return Optional.of(new Resolution(new Actor(by, rows.getString(first + 1)), Timestamps.parse(rows.getString(first + 2)),
                vault.open(rows.getBytes(first + 3))));
    }

    private static String code(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
