package org.credence.state;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.function.LongPredicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.credence.catalog.Catalog;
import org.credence.catalog.CreditList;
import org.credence.record.RecordState;
import org.credence.record.RecordStream;
import org.credence.record.RecordSubmission;
import org.credence.record.StoredRecord;
import org.credence.scoring.Rulebook;
import org.credence.scoring.Standing;
import org.credence.scoring.SubjectHistory;
import org.credence.store.RecordStore;
import org.credence.store.RightsStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The active catalog's rulebook together with the index built under it, kept in step with the
 * store. Writes go to the store first and reach the index only once durable, so the index never
 * shows a record that a crash could lose. Readers take one volatile {@link Snapshot}; writers are
 * serialised here, so the index changes in the order the store did.
 *
 * <p>A subject who enters a black list because of a new record is told so: the notice is written
 * to the outbox as part of the same submission.
 *
 * <p><b>Records that other processes store.</b> A command-line import beside a running server writes
 * to the same store, and the server's index must come to hold those records too: a partner would
 * otherwise be told "allow" about a subject the store has on a black list. The store numbers records
 * 1, 2, 3... across every writer, so one number, the last id the index holds ({@code followed}), says
 * what the index has not seen: everything after it that this process did not write. {@link #follow}
 * applies it, as a start would; and since this process's own writes are numbered after whatever was
 * stored before them, each write also applies the records between {@code followed} and its own first
 * id, before it looks at whom to tell. So the index misses none of the store's records, and a record
 * another process stored is never taken for a write of this one: its writer told its subjects. Once a
 * write has committed, nothing read afterwards may fail it: a read of others' records that fails then
 * is left to the next look, and the write's own records are kept apart ({@code ahead}) until the gap
 * before them is filled, so they are not applied twice.
 */
public final class CreditState {

    private static final Logger LOG = LoggerFactory.getLogger(CreditState.class);

    private final RecordStore records;
    private final RightsStore rights;
    private final Clock clock;
    // Replaced whole when an import's records are durable (IndexDrafting) and when the catalog changes
    // (switchTo); otherwise written in place.
    private volatile Snapshot snapshot;
    /**
     * The id up to which the index has taken every stored record (applied it, or passed it over as of a
     * type the catalog lacks). Written under this object's lock; read outside it by {@link #follow}.
     */
    private volatile long followed;
    /**
     * This process's own writes applied beyond {@code followed}, first id to last: a read of what others
     * stored before them failed, and the gap is filled on the next look.
     */
    private final NavigableMap<Long, Long> ahead = new TreeMap<>();
    /** The notices of those writes, told once the gap before them is filled. */
    private final List<Listings> withheld = new ArrayList<>();
    /** Disputes and states set while a catalog switch builds its index, to be set on it too; null when none is. */
    private List<Consumer<SubjectIndex>> changesDuringBuild;
    /** Why the index may be behind the store: its follower's last look failed, or it stopped. */
    private volatile Optional<String> behind = Optional.empty();

    /** A rulebook and the index built under it. */
    public record Snapshot(Rulebook rulebook, SubjectIndex index) {
    }

    private CreditState(RecordStore records, RightsStore rights, Clock clock, Snapshot snapshot, long followed) {
        this.records = records;
        this.rights = rights;
        this.clock = clock;
        this.snapshot = snapshot;
        this.followed = followed;
    }

    /** Builds the index from every stored record and open dispute under {@code catalog}. */
    public static CreditState load(RecordStore records, RightsStore rights, Catalog catalog, Clock clock) {
        Built built = build(records, rights, catalog);
        return new CreditState(records, rights, clock, built.snapshot(), built.lastId());
    }

    /**
     * Serves {@code catalog} from now on (another process made it the active one): an index built under
     * it from every stored record takes the place of the current one, which answers meanwhile. The build
     * holds no lock, so writes go on meanwhile, to the index being replaced; what they change is done
     * again on the new one (the records stored since the build read them, the disputes and states set
     * since it began) before it takes the other's place. One switch at a time.
     */
    public void switchTo(Catalog catalog) {
        synchronized (this) {
            if (changesDuringBuild != null) {
                throw new IllegalStateException("a catalog switch is under way");
            }
            changesDuringBuild = new ArrayList<>();
        }
        Built built;
        try {
            built = build(records, rights, catalog);
        } catch (RuntimeException | Error e) {
            synchronized (this) {
                changesDuringBuild = null;
            }
            throw e;
        }
        synchronized (this) {
            SubjectIndex index = built.snapshot().index();
            long[] last = {built.lastId()};
            applyStored(index, built.lastId() + 1, records.lastId(), id -> false, id -> last[0] = id);
            changesDuringBuild.forEach(change -> change.accept(index));
            changesDuringBuild = null;
            snapshot = new Snapshot(built.snapshot().rulebook(), index);
            followed = last[0];
            // Every stored record is in the new index: nothing of this process's is beyond it, and a
            // withheld notice is told now, the gap before it filled.
            ahead.clear();
            withheld.forEach(Listings::notifySubjects);
            withheld.clear();
        }
    }

    /** An index as built, and the id of the last record in it. */
    private record Built(Snapshot snapshot, long lastId) {
    }

    private static Built build(RecordStore records, RightsStore rights, Catalog catalog) {
        SubjectIndex index = new SubjectIndex(Rulebook.compile(catalog), records::latestName);
        // Facts come in id order, so the last one is the last record in the index, even should another
        // process store more while they are read.
        long[] last = {0};
        records.forEachFact(fact -> {
            index.apply(fact);
            last[0] = fact.recordId();
        });
        for (RightsStore.Dispute open : openDisputes(rights).values()) {
            index.dispute(open.subjectId(), open.recordId(), openedDay(open));
        }
        // Applying records one by one leaves a dead block behind each; start with none.
        index.compact();
        return new Built(new Snapshot(index.rulebook(), index), last[0]);
    }

    /** The day a dispute was opened: its deadline less the days it may run. */
    static int openedDay(RightsStore.Dispute dispute) {
        return (int) dispute.deadline().toEpochDay() - SubjectHistory.DISPUTE_DEADLINE_DAYS;
    }

    public Snapshot snapshot() {
        return snapshot;
    }

    /** Why the index may be behind what the store holds, if it may: said by whoever follows the store. */
    public Optional<String> behind() {
        return behind;
    }

    /** Sets why the index may be behind the store, or clears it ({@code Optional.empty()}) after a look that went well. */
    public void behind(Optional<String> why) {
        behind = why;
    }

    /**
     * Applies to the index the records that other processes stored since it last looked (this one's
     * writes hold the same lock, and those already applied are passed over); returns how many. Their
     * writers told their subjects, so nobody is told here. When there are none it costs one look at the
     * store's last id, taken outside the lock so that writes never wait behind it.
     */
    public long follow() {
        long lastId = records.lastId();
        if (lastId <= followed) {
            return 0;
        }
        synchronized (this) {
            return catchUp(lastId);
        }
    }

    /**
     * Applies the records after {@code followed} up to {@code lastId}, skipping this process's own
     * writes already applied; returns how many it applied. {@code followed} moves with each record, so
     * a read that fails midway leaves it exact, and the next catch-up goes on from there.
     */
    private long catchUp(long lastId) {
        if (lastId <= followed) {
            return 0;
        }
        long applied = applyStored(snapshot.index(), followed + 1, lastId, this::isAhead, id -> followed = id);
        ahead.headMap(followed, true).entrySet().removeIf(range -> range.getValue() <= followed);
        List<Listings> due = withheld.stream().filter(listings -> listings.firstId - 1 <= followed).toList();
        withheld.removeAll(due);
        due.forEach(Listings::notifySubjects);
        return applied;
    }

    /**
     * Applies the stored records {@code from} to {@code to} to {@code index}, each with its open dispute,
     * but for those {@code skip} says are there already; tells {@code taken} each record's id once done
     * with it, so that a read failing midway leaves the caller knowing how far it got. Returns how many
     * it applied. The disputes are read first, so that each goes in with its record: one opened or closed
     * after this read is this process's own, and waits for the lock to be marked.
     */
    private long applyStored(SubjectIndex index, long from, long to, LongPredicate skip, LongConsumer taken) {
        Map<Long, RightsStore.Dispute> open = openDisputes(rights);
        long[] applied = {0};
        records.forEachFact(from, to, fact -> {
            if (!skip.test(fact.recordId())) {
                index.apply(fact);
                RightsStore.Dispute dispute = open.isEmpty() ? null : open.get(fact.recordId());
                if (dispute != null) {
                    index.dispute(dispute.subjectId(), dispute.recordId(), openedDay(dispute));
                }
                applied[0]++;
            }
            taken.accept(fact.recordId());
        });
        return applied[0];
    }

    /** The open disputes, by the record disputed (a record has one open dispute at most). */
    private static Map<Long, RightsStore.Dispute> openDisputes(RightsStore rights) {
        Map<Long, RightsStore.Dispute> open = new HashMap<>();
        for (RightsStore.Dispute dispute : rights.disputes(Optional.of(RightsStore.Dispute.Status.OPEN))) {
            open.put(dispute.recordId(), dispute);
        }
        return open;
    }

    /**
     * As {@link #catchUp}, after a write of this process committed: the write stands whatever happens
     * here, so a failed read is left to the next look rather than failing the write. Returns whether it
     * caught up; if not, the write's notices wait for the gap to be filled ({@code withheld}), since whom
     * to tell depends on what others stored before it.
     */
    private boolean catchUpAfterCommit(long lastId) {
        try {
            catchUp(lastId);
            return true;
        } catch (RuntimeException e) {
            LOG.warn("records stored by other processes up to {} could not be read; the next look at the store reads them", lastId, e);
            return false;
        }
    }

    private boolean isAhead(long recordId) {
        Map.Entry<Long, Long> range = ahead.floorEntry(recordId);
        return range != null && recordId <= range.getValue();
    }

    /** Records {@code firstId} to {@code lastId}, of this process's own write, are in the index. */
    private void took(long firstId, long lastId) {
        if (firstId == followed + 1) {
            followed = lastId;
        } else {
            ahead.put(firstId, lastId);
        }
    }

    Clock clock() {
        return clock;
    }

    /**
     * Stores {@code submissions} with their audit entries (all or none, see {@link RecordStore#append})
     * and, once durable, applies the newly stored ones to the index, then tells every subject that
     * entered a black list.
     */
    public synchronized RecordStore.AppendResult submit(List<RecordSubmission> submissions, Instant now,
                                                        RecordStore.AuditedBy audit) {
        RecordStore.AppendResult result = records.append(submissions, now, audit);
        if (!(result instanceof RecordStore.Appended appended)) {
            return result;
        }
        List<StoredRecord> stored = new ArrayList<>();
        long lastDuplicate = 0;
        for (RecordStore.Outcome outcome : appended.outcomes()) {
            switch (outcome) {
                case RecordStore.Stored s -> stored.add(s.record());
                case RecordStore.Duplicate d -> lastDuplicate = Math.max(lastDuplicate, d.record().id());
            }
        }
        if (stored.isEmpty()) {
            // Told "already stored as record N", a client may ask about N at once.
            catchUpAfterCommit(lastDuplicate);
            return result;
        }
        long firstId = stored.getFirst().id();
        long lastId = stored.getLast().id();
        boolean caughtUp = catchUpAfterCommit(firstId - 1);
        List<String> touched = new ArrayList<>();
        for (StoredRecord record : stored) {
            if (snapshot.index().applyOfWrite(record, firstId)) {
                touched.add(record.submission().subject().id());
            }
        }
        took(firstId, lastId);
        tell(new Listings(LocalDate.now(clock), firstId, lastId, touched, now), caughtUp);
        return result;
    }

    /**
     * Stores a stream of records with their audit entries, all or none (see
     * {@link RecordStore#importRecords}), and, once durable, puts the index holding the new ones in
     * place (see {@link IndexDrafting}) and tells every subject that entered a black list. The stream's
     * records are never all in memory: a chunk at a time, and a few chunks queued for the draft.
     */
    public synchronized RecordStore.ImportResult importRecords(RecordStream stream, Instant now,
                                                               RecordStore.AuditedBy audit) {
        try (IndexDrafting drafting = new IndexDrafting(snapshot.index())) {
            RecordStore.ImportResult result = records.importRecords(stream, now, audit, drafting::accept);
            if (result instanceof RecordStore.Imported imported && imported.stored() > 0) {
                try {
                    snapshot = new Snapshot(snapshot.rulebook(), drafting.finish());
                } catch (RuntimeException e) {
                    // The records are not taken: the follower applies them on its next look, as another
                    // process's (those already in the live index, from a failure half-way through
                    // applying a small import there, are left as they are).
                    throw new IllegalStateException("records " + imported.firstId() + " to " + imported.lastId()
                            + " were stored, but the index could not take them at once (it will on its next look at"
                            + " the store) and their subjects were not told of the lists they entered", e);
                }
                // Read only now: the store is busy with the import until it commits. A history keeps its
                // records in their own order whatever order they come in, and the listings below take
                // these as before the import, which they are.
                boolean caughtUp = catchUpAfterCommit(imported.firstId() - 1);
                took(imported.firstId(), imported.lastId());
                tell(new Listings(LocalDate.now(clock), imported.firstId(), imported.lastId(), drafting.touched(), now),
                        caughtUp);
            }
            return result;
        }
    }

    /**
     * The subjects a write touched, to tell those that entered a black list. What a subject was on
     * before the write needs no look-up as it is applied: ids are handed out in order, so its history
     * without the write's records (those from the write's first id on) is its history before. So the
     * write is applied as fast as the index takes it, and the before and after of its subjects are
     * compared afterwards on all cores, the index being read without locks.
     */
    private final class Listings {
        private final LocalDate today;
        /** The ids of the write's first and last records. */
        private final long firstId;
        private final long lastId;
        private final List<String> touched;
        private final Instant now;

        /** {@code touched}: the subjects the write touched, each once, in the order touched. */
        Listings(LocalDate today, long firstId, long lastId, List<String> touched, Instant now) {
            this.today = today;
            this.firstId = firstId;
            this.lastId = lastId;
            this.touched = touched;
            this.now = now;
        }

        /** Stores a notice for each black list a touched subject entered, in the order they were touched. */
        void notifySubjects() {
            // Into an array by position rather than an ordered flat map: millions of subjects, most with
            // nothing to tell, and merging their empty streams in order cost more than the look-ups.
            List<List<RightsStore.Addressed>> each = new ArrayList<>(Collections.nCopies(touched.size(), List.of()));
            IntStream.range(0, each.size()).parallel()
                    .forEach(i -> each.set(i, noticesOfNewListings(touched.get(i), firstId, lastId, today, now)));
            List<RightsStore.Addressed> notices = each.stream().flatMap(List::stream).toList();
            if (!notices.isEmpty()) {
                rights.notifyAll(notices);
            }
        }
    }

    /** Tells the subjects a write listed now, or once the gap before it is filled. */
    private void tell(Listings listings, boolean caughtUp) {
        if (caughtUp) {
            listings.notifySubjects();
        } else {
            withheld.add(listings);
        }
    }

    /**
     * The notices of the black lists {@code subjectId} entered with the records {@code firstId} to
     * {@code lastId}: its history up to them against its history before them.
     */
    private List<RightsStore.Addressed> noticesOfNewListings(String subjectId, long firstId, long lastId, LocalDate today,
                                                             Instant now) {
        SubjectHistory history = snapshot.index().history(subjectId);
        // Only withheld notices find later records in the history: those records' writers told of them.
        if (history.holdsFrom(lastId + 1)) {
            history = history.before(lastId + 1);
        }
        List<String> after = snapshot.rulebook().blackLists(history, today);
        // Most subjects touched are on no black list, and most others were already: the lists alone say
        // so, without the whole standing.
        if (after.isEmpty()) {
            return List.of();
        }
        List<String> before = snapshot.rulebook().blackLists(history.before(firstId), today);
        if (before.containsAll(after)) {
            return List.of();
        }
        Standing standing = snapshot.rulebook().standing(history, today);
        List<RightsStore.Addressed> notices = new ArrayList<>(1);
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
        return notices;
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
        // A record another process stored may be disputed before the index has followed it. Should the
        // read fail, the next look applies the record with its dispute from the stores.
        catchUpAfterCommit(recordId);
        snapshot.index().dispute(subjectId, recordId, day);
        if (changesDuringBuild != null) {
            changesDuringBuild.add(index -> index.dispute(subjectId, recordId, day));
        }
    }

    /** Sets a record's state in the index; the store already holds it. */
    synchronized void changed(String subjectId, long recordId, RecordState state) {
        catchUpAfterCommit(recordId);
        snapshot.index().setState(subjectId, recordId, state);
        if (changesDuringBuild != null) {
            changesDuringBuild.add(index -> index.setState(subjectId, recordId, state));
        }
    }

    RecordStore records() {
        return records;
    }

    RightsStore rights() {
        return rights;
    }
}
