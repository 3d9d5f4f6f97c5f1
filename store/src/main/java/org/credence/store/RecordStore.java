package org.credence.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;
import org.credence.catalog.Catalog;
import org.credence.record.RecordState;
import org.credence.record.RecordStream;
import org.credence.record.RecordSubmission;
import org.credence.record.StoredRecord;
import org.credence.subject.SubjectKind;

/**
 * The system of record for records. Records are immutable events: once acknowledged they survive a
 * crash, and only their state (annulled, repaired) ever changes.
 */
public interface RecordStore {

    /**
     * Stores all of {@code records} in one transaction together with their audit entries ({@code audit}
     * says whose), or none of them. The records are kept in blocks, and each block's entry names every
     * record of its part of the batch, its subject when they concern one, and the SHA-256 of the block.
     * A record whose (source, source_ref) is already stored with the same content is a no-op
     * ({@link Duplicate}), named as a duplicate; with different content it is a conflict, and then
     * nothing at all is stored, entries included. Records checked under a catalog version that is no
     * longer the active one are not stored either ({@link CatalogChanged}).
     */
    AppendResult append(List<RecordSubmission> records, Instant recordedAt, AuditedBy audit);

    /**
     * Stores the records of {@code stream} as they are read, in one transaction together with their audit
     * entries, one per block as {@link #append} has it ({@code audit} says whose, under one instant): all
     * of it durable together, or none of it. Nothing is kept when the stream ends with problems or a record conflicts with a stored one
     * or with an earlier line; then every conflict is reported, by line. Nor when the records were checked
     * under a catalog version that is no longer the active one ({@link CatalogChanged}). A record already stored with the
     * same content, or twice in the stream, is stored once and audited as a duplicate. Memory does not
     * grow with the stream but by four bytes per new record.
     */
    default ImportResult importRecords(RecordStream stream, Instant recordedAt, AuditedBy audit) {
        return importRecords(stream, recordedAt, audit, numbered -> {
        });
    }

    /**
     * As {@link #importRecords(RecordStream, Instant, AuditedBy)}, telling {@code numbered} the new
     * records of each chunk, in id order, as the transaction stores them: not yet durable, and never
     * durable if the import is then rejected. Whoever derives state from them keeps it apart until the
     * result says they are stored.
     */
    ImportResult importRecords(RecordStream stream, Instant recordedAt, AuditedBy audit,
                               Consumer<List<StoredRecord>> numbered);

    /**
     * Who is writing the records, and why, for the audit entry of each block: all under one instant; and
     * the catalog version the records were checked under, which must still be the active one when they
     * are stored (see {@link CatalogChanged}).
     */
    record AuditedBy(Instant at, String actor, String role, String action, String purpose, CheckedUnder checkedUnder) {
        public AuditedBy {
            Objects.requireNonNull(checkedUnder, "checkedUnder");
        }
    }

    /** The catalog version a writer checked its records under. */
    record CheckedUnder(String catalogId, int version) {
        public CheckedUnder {
            Objects.requireNonNull(catalogId, "catalogId");
        }

        public static CheckedUnder of(Catalog catalog) {
            return new CheckedUnder(catalog.id(), catalog.version());
        }

        @Override
        public String toString() {
            return catalogId + " v" + version;
        }
    }

    /**
     * Nothing stored: the records were checked under {@code checkedUnder}, but another version,
     * {@code active}, became the active one before they could be stored, and they are only stored
     * under the catalog in force (rule of law: a record type the new version drops, or changes, must
     * not slip in through a write that began before the change). Checked under the write's own lock, so
     * no change can come between the check and the commit. The writer checks them again under the
     * active version and writes again.
     */
    record CatalogChanged(CheckedUnder checkedUnder, CheckedUnder active) implements AppendResult, ImportResult {
    }

    /** The outcome of an import: stored, or rejected with nothing kept. */
    sealed interface ImportResult permits Imported, ImportRejected, CatalogChanged {
    }

    /**
     * Stored: {@code records} valid records read, {@code stored} of them new, with the ids
     * {@code firstId} to {@code lastId}; the others were already stored.
     */
    record Imported(long records, long stored, long firstId, long lastId) implements ImportResult {
    }

    /** Nothing stored: the stream had problems, or these lines conflict (empty when only the stream's problems). */
    record ImportRejected(List<LineConflict> conflicts) implements ImportResult {
        public ImportRejected {
            conflicts = List.copyOf(conflicts);
        }
    }

    /**
     * The record on {@code line} has the (source, source_ref) of stored record {@code existingId} but
     * different content; {@code existingLine} is that record's line when it came from the same stream.
     */
    record LineConflict(int line, long existingId, OptionalInt existingLine) {
    }

    /** Every stored record in id order, for rebuilding derived state. */
    void forEach(Consumer<StoredRecord> sink);

    /**
     * What the hot index needs of a stored record, read without unsealing details or persons' names;
     * an organization's name, public and searchable, comes with it when the record gave one.
     */
    record Fact(long recordId, String subjectId, SubjectKind kind, String type, int occurredDay, RecordState state,
                Optional<String> organizationName) {
    }

    /**
     * Every stored record's fact, in ascending record id, to one consumer on one thread (the caller's).
     * Much cheaper than {@link #forEach}: only the subject id is unsealed, and the store may read ahead
     * and unseal on other threads, so the consumer should be all the start-up has to wait for.
     */
    default void forEachFact(Consumer<Fact> sink) {
        forEachFact(1, Long.MAX_VALUE, sink);
    }

    /** As {@link #forEachFact(Consumer)}, for the records with ids {@code firstId} to {@code lastId} only. */
    void forEachFact(long firstId, long lastId, Consumer<Fact> sink);

    /**
     * The latest name that any of {@code recordIds} gave its subject: the name of the one with the highest
     * id that gave a name. A subject's records are found by id, through the hot index, which holds
     * every record's id by subject; the store keeps no index by subject (see migration V6).
     */
    Optional<String> latestName(long[] recordIds);

    Optional<StoredRecord> record(long id);

    /**
     * Checks every stored record against the audit trail: each block of records must be whole, follow
     * the one before without gap or overlap, and match the SHA-256 that the entry of the write that
     * stored it carries; no entry may carry the digest of a block that is gone. With the chain intact,
     * this shows that no record was changed, removed or slipped in since it was stored.
     */
    RecordsVerification verifyRecords();

    sealed interface RecordsVerification permits RecordsIntact, RecordsBroken {
    }

    /** Every record checked: {@code records} of them in {@code blocks} blocks. */
    record RecordsIntact(long records, long blocks) implements RecordsVerification {
    }

    /** The first problem found, at the block or entry it names. */
    record RecordsBroken(String where, String reason) implements RecordsVerification {
    }

    /** How many records are stored: ids are handed out from 1 without gaps, so the last one's. */
    default long count() {
        return lastId();
    }

    /**
     * The id of the last record stored by any writer, 0 when there is none: ids are handed out 1, 2, 3...
     * across every process writing the store, so a reader that has taken every record up to some id
     * knows from this alone whether there are more.
     */
    long lastId();

    /** The outcome of an append: every record stored or found already stored, or the conflicts. */
    sealed interface AppendResult permits Appended, Conflicted, CatalogChanged {
    }

    /** All stored; one outcome per submitted record, in order. */
    record Appended(List<Outcome> outcomes) implements AppendResult {
        public Appended {
            outcomes = List.copyOf(outcomes);
        }
    }

    /** Nothing stored: these submissions (by index) clash with stored records. */
    record Conflicted(List<Conflict> conflicts) implements AppendResult {
        public Conflicted {
            conflicts = List.copyOf(conflicts);
        }
    }

    record Conflict(int index, StoredRecord existing) {
    }

    sealed interface Outcome permits Stored, Duplicate {
        StoredRecord record();
    }

    /** Newly stored. */
    record Stored(StoredRecord record) implements Outcome {
    }

    /** The same record was already stored under this (source, source_ref). */
    record Duplicate(StoredRecord record) implements Outcome {
    }
}
