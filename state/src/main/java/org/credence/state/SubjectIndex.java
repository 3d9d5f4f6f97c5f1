package org.credence.state;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.credence.record.RecordState;
import org.credence.record.StoredRecord;
import org.credence.record.SubjectRef;
import org.credence.scoring.Rulebook;
import org.credence.scoring.SubjectHistory;
import org.credence.subject.SubjectKind;

/**
 * The hot index: for every subject with records, its kind, name and {@link SubjectHistory}, in
 * memory, so that a decision or a file never touches the store. It is derived state: built from the
 * store's records under one catalog version and rebuilt when the catalog changes.
 *
 * <p>Entries are immutable and replaced whole through {@link ConcurrentHashMap#compute}, so a reader
 * sees a subject either before or after a record is applied, never in between, and takes no lock.
 * Subjects without records are not stored: their answer is the scale's base, whatever their id.
 */
public final class SubjectIndex {

    private final Rulebook rulebook;
    private final ConcurrentHashMap<String, Entry> subjects = new ConcurrentHashMap<>();
    private final AtomicLong records = new AtomicLong();
    private final AtomicLong uncatalogued = new AtomicLong();

    /** One subject: kind, the latest name given, and its history under the index's rulebook. */
    public record Entry(SubjectKind kind, Optional<String> name, SubjectHistory history) {
    }

    public SubjectIndex(Rulebook rulebook) {
        this.rulebook = rulebook;
    }

    public Rulebook rulebook() {
        return rulebook;
    }

    /**
     * Adds a stored record. A record whose type the active catalog no longer has cannot count (only
     * catalogued conduct can), so it is left out and counted in {@link #uncatalogued()}.
     */
    public void apply(StoredRecord record) {
        SubjectRef subject = record.submission().subject();
        var type = rulebook.typeIndex(record.submission().type());
        if (type.isEmpty()) {
            uncatalogued.incrementAndGet();
            return;
        }
        int occurred = (int) record.submission().occurredAt().toEpochDay();
        int expires = rulebook.expiresDay(type.getAsInt(), occurred);
        subjects.compute(subject.id(), (id, entry) -> {
            SubjectHistory history = entry == null ? SubjectHistory.EMPTY : entry.history();
            Optional<String> name = subject.name().isPresent() ? subject.name() : entry == null ? Optional.empty() : entry.name();
            SubjectHistory next = history.with(record.id(), type.getAsInt(), occurred, expires, record.state());
            if (next != history) {
                records.incrementAndGet();
            }
            return new Entry(subject.kind(), name, next);
        });
    }

    /** Marks an open dispute on a record since {@code day} ({@link SubjectHistory#NEVER}: none). */
    void dispute(String subjectId, long recordId, int day) {
        subjects.computeIfPresent(subjectId, (id, entry) ->
                new Entry(entry.kind(), entry.name(), entry.history().withDispute(recordId, day)));
    }

    void setState(String subjectId, long recordId, RecordState state) {
        subjects.computeIfPresent(subjectId, (id, entry) ->
                new Entry(entry.kind(), entry.name(), entry.history().withState(recordId, state)));
    }

    public Optional<Entry> subject(String id) {
        return Optional.ofNullable(subjects.get(id));
    }

    /** The subject's history, empty for a subject with no records. */
    public SubjectHistory history(String id) {
        Entry entry = subjects.get(id);
        return entry == null ? SubjectHistory.EMPTY : entry.history();
    }

    public int subjects() {
        return subjects.size();
    }

    public long records() {
        return records.get();
    }

    public long uncatalogued() {
        return uncatalogued.get();
    }

    /** Visits every subject; for statistics, not for the hot path. */
    public void forEach(java.util.function.BiConsumer<String, Entry> visitor) {
        subjects.forEach(visitor);
    }
}
