package org.credence.store.sqlite;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import org.credence.record.RecordState;
import org.credence.record.RecordSubmission;
import org.credence.record.StoredRecord;
import org.credence.record.SubjectRef;
import org.credence.store.Vault;
import org.credence.subject.SubjectKind;

/**
 * Converts between rows of {@code records} and {@link StoredRecord}s, hashing and sealing the subject
 * and details on the way in and opening them on the way out. Not thread-safe: make one per query.
 */
final class RecordRows {

    /** The columns every record query selects, in the order {@link #read} expects. */
    static final String COLUMNS = "id, source, source_ref, subject_id_sealed, subject_kind, subject_name_sealed, "
            + "type, occurred_at, details_sealed, recorded_at, state";

    /** The columns {@link #bindNew} binds, in order. */
    static final String INSERT_COLUMNS = "id, source, source_ref, subject_hash, subject_id_sealed, subject_kind, "
            + "subject_name_sealed, type, occurred_at, details_sealed, recorded_at";

    private final Vault vault;

    // Every record of one import shares its recorded_at, so remembering the last one spares a parse
    // per row when millions are read back at start.
    private String lastRecordedText;
    private Instant lastRecordedAt;

    RecordRows(Vault vault) {
        this.vault = vault;
    }

    StoredRecord read(ResultSet row) throws SQLException {
        RecordSubmission submission = new RecordSubmission(
                row.getString(2),
                row.getString(3),
                new SubjectRef(vault.open(row.getBytes(4)), kind(row.getString(5)), open(row.getBytes(6))),
                row.getString(7),
                date(row.getString(8)),
                open(row.getBytes(9)));
        return new StoredRecord(row.getLong(1), submission, recordedAt(row.getString(10)), state(row.getString(11)));
    }

    /**
     * Reads the schema's YYYY-MM-DD by hand: the general parser costs a sixth of a full scan, and the
     * state index reads every record at start.
     */
    static LocalDate date(String text) {
        if (text.length() != 10 || text.charAt(4) != '-' || text.charAt(7) != '-') {
            return LocalDate.parse(text);
        }
        return LocalDate.of(digits(text, 0, 4), digits(text, 5, 7), digits(text, 8, 10));
    }

    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            int digit = text.charAt(i) - '0';
            if (digit < 0 || digit > 9) {
                throw new DateTimeParseException("not a date", text, i);
            }
            value = value * 10 + digit;
        }
        return value;
    }

    private Instant recordedAt(String text) {
        if (!text.equals(lastRecordedText)) {
            lastRecordedAt = Timestamps.parse(text);
            lastRecordedText = text;
        }
        return lastRecordedAt;
    }

    private Optional<String> open(byte[] sealed) {
        return sealed == null ? Optional.empty() : Optional.of(vault.open(sealed));
    }

    /** A new record's hashed and sealed columns, computed apart from binding so that many can be sealed at once. */
    record Sealed(String subjectHash, byte[] subjectId, byte[] name, byte[] details) {
    }

    Sealed seal(RecordSubmission record) {
        return new Sealed(vault.subjectHash(record.subject().id()), vault.seal(record.subject().id()),
                record.subject().name().map(vault::seal).orElse(null), record.details().map(vault::seal).orElse(null));
    }

    /**
     * Binds {@code record}, with its columns as {@link #seal} gave them, to parameters 1–11 of an insert listing {@link #INSERT_COLUMNS}; the state is
     * always the column default.
     */
    void bindNew(PreparedStatement insert, long id, RecordSubmission record, Sealed sealed, String recordedAt)
            throws SQLException {
        insert.setLong(1, id);
        insert.setString(2, record.source());
        insert.setString(3, record.sourceRef());
        insert.setString(4, sealed.subjectHash());
        insert.setBytes(5, sealed.subjectId());
        insert.setString(6, record.subject().kind().code());
        bindBlob(insert, 7, sealed.name());
        insert.setString(8, record.type());
        insert.setString(9, record.occurredAt().toString());
        bindBlob(insert, 10, sealed.details());
        insert.setString(11, recordedAt);
    }

    private static void bindBlob(PreparedStatement statement, int index, byte[] value) throws SQLException {
        if (value != null) {
            statement.setBytes(index, value);
        } else {
            statement.setNull(index, Types.BLOB);
        }
    }

    static String code(RecordState state) {
        return state.name().toLowerCase(Locale.ROOT);
    }

    private static RecordState state(String code) {
        return RecordState.valueOf(code.toUpperCase(Locale.ROOT));
    }

    static SubjectKind kind(String code) {
        return SubjectKind.fromCode(code)
                .orElseThrow(() -> new IllegalStateException("unknown subject kind in the database: " + code));
    }
}
