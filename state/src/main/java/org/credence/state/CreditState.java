package org.credence.state;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.credence.catalog.Catalog;
import org.credence.catalog.CreditList;
import org.credence.record.RecordState;
import org.credence.record.RecordStream;
import org.credence.record.RecordSubmission;
import org.credence.scoring.Rulebook;
import org.credence.scoring.Standing;
import org.credence.scoring.SubjectHistory;
import org.credence.store.RecordStore;
import org.credence.store.RightsStore;

/**
 * The active catalog's rulebook together with the index built under it, kept in step with the
 * store. Writes go to the store first and reach the index only once durable, so the index never
 * shows a record that a crash could lose. Readers take one volatile {@link Snapshot}; writers are
 * serialised here, so the index changes in the order the store did.
 *
 * <p>A subject who enters a black list because of a new record is told so: the notice is written
 * to the outbox as part of the same submission.
 */
public final class CreditState {

    private final RecordStore records;
    private final RightsStore rights;
    private final Clock clock;
    private final Snapshot snapshot;

    /** A rulebook and the index built under it. */
    public record Snapshot(Rulebook rulebook, SubjectIndex index) {
    }

    private CreditState(RecordStore records, RightsStore rights, Clock clock, Snapshot snapshot) {
        this.records = records;
        this.rights = rights;
        this.clock = clock;
        this.snapshot = snapshot;
    }

    /** Builds the index from every stored record and open dispute under {@code catalog}. */
    public static CreditState load(RecordStore records, RightsStore rights, Catalog catalog, Clock clock) {
        SubjectIndex index = new SubjectIndex(Rulebook.compile(catalog), records::latestName);
        records.forEachFact(index::apply);
        for (RightsStore.Dispute open : rights.disputes(Optional.of(RightsStore.Dispute.Status.OPEN))) {
            index.dispute(open.subjectId(), open.recordId(), openedDay(open));
        }
        // Applying records one by one leaves a dead block behind each; start with none.
        index.compact();
        return new CreditState(records, rights, clock, new Snapshot(index.rulebook(), index));
    }

    /** The day a dispute was opened: its deadline less the days it may run. */
    static int openedDay(RightsStore.Dispute dispute) {
        return (int) dispute.deadline().toEpochDay() - SubjectHistory.DISPUTE_DEADLINE_DAYS;
    }

    public Snapshot snapshot() {
        return snapshot;
    }

    Clock clock() {
        return clock;
    }

    /**
     * Stores {@code submissions} with an audit entry each (all or none, see {@link RecordStore#append})
     * and, once durable, applies the newly stored ones to the index, then tells every subject that
     * entered a black list.
     */
    public synchronized RecordStore.AppendResult submit(List<RecordSubmission> submissions, Instant now,
                                                        RecordStore.AuditedBy audit) {
        RecordStore.AppendResult result = records.append(submissions, now, audit);
        if (result instanceof RecordStore.Appended appended) {
            Listings listings = new Listings(LocalDate.now(clock));
            for (RecordStore.Outcome outcome : appended.outcomes()) {
                if (outcome instanceof RecordStore.Stored stored) {
                    listings.touch(stored.record().submission().subject().id());
                    snapshot.index().apply(stored.record());
                }
            }
            listings.notify(now);
        }
        return result;
    }

    /**
     * Stores a stream of records with an audit entry each, all or none (see
     * {@link RecordStore#importRecords}), and, once durable, applies the new ones to the index as the
     * store now holds them and tells every subject that entered a black list. Only the new records'
     * facts are read back, so the stream's records are never all in memory.
     */
    public synchronized RecordStore.ImportResult importRecords(RecordStream stream, Instant now,
                                                               RecordStore.AuditedBy audit) {
        RecordStore.ImportResult result = records.importRecords(stream, now, audit);
        if (result instanceof RecordStore.Imported imported && imported.stored() > 0) {
            try {
                Listings listings = new Listings(LocalDate.now(clock));
                records.forEachFact(imported.firstId(), imported.lastId(), fact -> {
                    listings.touch(fact.subjectId());
                    snapshot.index().apply(fact);
                });
                listings.notify(now);
            } catch (RuntimeException e) {
                // The records are durable; only what derives from them is behind, and a start rebuilds it.
                throw new IllegalStateException("records " + imported.firstId() + " to " + imported.lastId()
                        + " were stored, but the index or the notices could not be brought up to date;"
                        + " restart to rebuild the index from the store", e);
            }
        }
        return result;
    }

    /**
     * The black lists each subject touched by a submission was on before it, so that those it is on
     * after can be told. A subject is touched before its first new record is applied.
     */
    private final class Listings {
        private final LocalDate today;
        private final Map<String, List<String>> blackBefore = new HashMap<>();
        private List<String> unrecorded;

        Listings(LocalDate today) {
            this.today = today;
        }

        void touch(String subjectId) {
            blackBefore.computeIfAbsent(subjectId, id -> {
                SubjectHistory history = snapshot.index().history(id);
                return history == SubjectHistory.EMPTY ? unrecorded() : snapshot.rulebook().blackLists(history, today);
            });
        }

        /** The black lists of a subject with no records, the same for every new subject of an import. */
        private List<String> unrecorded() {
            if (unrecorded == null) {
                unrecorded = snapshot.rulebook().blackLists(SubjectHistory.EMPTY, today);
            }
            return unrecorded;
        }

        void notify(Instant now) {
            List<RightsStore.Addressed> notices = new ArrayList<>();
            blackBefore.forEach((subject, before) -> noticeNewListings(subject, before, today, now, notices));
            if (!notices.isEmpty()) {
                rights.notifyAll(notices);
            }
        }
    }

    private void noticeNewListings(String subjectId, List<String> before, LocalDate today, Instant now,
                                   List<RightsStore.Addressed> notices) {
        SubjectHistory history = snapshot.index().history(subjectId);
        // Most subjects touched enter no black list: the lists alone say so, without the whole standing.
        if (before.containsAll(snapshot.rulebook().blackLists(history, today))) {
            return;
        }
        Standing standing = snapshot.rulebook().standing(history, today);
        for (Standing.Membership m : standing.lists()) {
            if (m.list().kind() != CreditList.Kind.BLACK || before.contains(m.list().code())) {
                continue;
            }
            notices.add(new RightsStore.Addressed(subjectId, new RightsStore.Notice(0, now,
                    RightsStore.Notice.Kind.LISTED,
                    "You were placed on the list \"" + m.list().title() + "\" (" + m.list().code() + ").",
                    "Because of " + reasons(standing, m.list()) + ".",
                    m.list().legalBasis(), m.until(), Notices.HOW_TO_CONTEST)));
        }
    }

    /** The records that put the subject on {@code list}, as words. */
    private String reasons(Standing standing, CreditList list) {
        Map<Long, String> lines = new LinkedHashMap<>();
        List<String> entering = list.entry() instanceof org.credence.catalog.ListEntry.ByRecordTypes byTypes
                ? byTypes.recordTypes() : List.of();
        for (Standing.RecordLine line : standing.records()) {
            if (line.counts() && (entering.isEmpty() || entering.contains(line.type()))) {
                String title = snapshot.rulebook().catalog().recordType(line.type()).map(t -> t.title()).orElse(line.type());
                lines.put(line.recordId(), "record " + line.recordId() + " (" + title + ", " + line.occurredAt() + ")");
            }
        }
        return lines.isEmpty() ? "your grade" : lines.values().stream().collect(Collectors.joining(", "));
    }

    /** Marks a dispute on a record in the index; the store already holds it. */
    synchronized void disputed(String subjectId, long recordId, int day) {
        snapshot.index().dispute(subjectId, recordId, day);
    }

    /** Sets a record's state in the index; the store already holds it. */
    synchronized void changed(String subjectId, long recordId, RecordState state) {
        snapshot.index().setState(subjectId, recordId, state);
    }

    RecordStore records() {
        return records;
    }

    RightsStore rights() {
        return rights;
    }
}
