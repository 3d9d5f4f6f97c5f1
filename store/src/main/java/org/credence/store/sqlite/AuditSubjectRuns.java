package org.credence.store.sqlite;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.credence.store.AuditLog;
import org.credence.store.sqlite.AuditRunBlock.Row;

/**
 * The audit trail's index by subject: which entries concern a subject, in listing order, so that a
 * subject's access log and an auditor's question about one subject are answered without reading the
 * whole trail.
 *
 * <h2>Why runs, not an index</h2>
 *
 * <p>Every decision is in an audit entry (a single decision's own, or its batch's), so this index takes
 * a row for nearly every decision, and its key starts with a keyed hash: random. An ordinary SQLite index on the table puts each new entry on a
 * random page, and a commit writes every page it dirtied to the write-ahead log in full: 4 KiB of log
 * per entry once the index outgrows the page cache, plus the reads that bring the pages back. Measured
 * on this machine (2 cores, local disk), that index capped the trail at about 22,000 entries a second
 * in batches of 32 or of 1,000, against 120,000–260,000 without it; the running server's decisions
 * over HTTP went from 15,700 to 26,000 a second at 32 connections and from 36,000 to 183,000 in
 * batches when it was dropped.
 *
 * <p>So the index is built the way a log-structured merge tree builds one: entries are appended to
 * {@code audit} alone, and a few times a second the index's keeper sorts the newest {@link #STEP} rows
 * of them by (subject, time, number) and writes them as one <em>run</em> (an entry about many subjects,
 * a batch of decisions, is a row for each and weighs as many). Each {@link #FANOUT} runs of a level are
 * merged into one run of the next, so a query reads at most {@code FANOUT - 1} runs per level, two
 * seeks in each, in one snapshot: about 120 seeks at 100 million entries. The entries not yet in a run (the tail: a step or
 * two while the keeper keeps up, more just after an import, which writes its entries in its own
 * transaction) are read from the table by number.
 *
 * <p><b>Rows in blocks.</b> A run is stored as blocks of about {@code STEP / FANOUT} rows in key order
 * ({@link AuditRunBlock}), a row of {@code audit_run_blocks} each, keyed by its first row; a block ends
 * at a change of subject, so a subject's rows in a run are nearly always in one block, and a query
 * reads one block per run (and seeks, in vain nearly always, blocks that begin with the subject); of a
 * subject in many blocks, only those nearest the end it keeps ({@link #entriesOf}). The
 * keeper sorts, merges and encodes the rows in Java. Until this design each row was a row of SQLite: measured in
 * SQLite alone, a flushed row cost 1.4–2.2 µs (taking the subject out of the items' JSON, sorting,
 * inserting into the B-tree) and a merged row about as much again for each level, so that under
 * 390,000 decisions a second in batches the keeper took 1.6 µs of the server's 4.8 per decision and
 * still fell behind. In blocks, SQLite stores one value of about 14 KB where it stored some 350 rows of
 * 85 bytes, the index file is some 40% smaller, and under such a load the keeper keeps up (measured in
 * BENCHMARKS.md, thirteenth round). A subject with very many entries (a company asked about all day, a
 * partner's probe) would make a block as big as its rows, and some 22 million of them in one run would
 * pass SQLite's 1 GB limit on a value and stop every merge after it; so a block that has its share
 * ends inside a subject once it holds {@code FANOUT} shares, and such a subject spans blocks. (Measured
 * under single decisions of which half were about one subject, 77,000–220,000 of its rows: the
 * largest block was 1.5 MB before this bound and 0.19 MB with it; BENCHMARKS.md, fourteenth round.)
 *
 * <p><b>Every step is small.</b> The runs live in a file of their own, kept by a thread of their own
 * ({@link AuditSubjectIndex}), so a step never holds the lock the audit writer commits under; but it
 * holds the index's own lock, which a subject's query waits for, and a snapshot of the trail, which
 * keeps the trail's write-ahead log from being rewound. A flush is one step's worth of entries, and a
 * merge moves one slice of rows at a time from its sources to the new run (a block or two of each,
 * about a step or two of rows; {@link #slice} says where a slice ends, by whole keys), writing what is left of a
 * source's last block read back as a block of its own, in the same transaction: every entry is in
 * exactly one of them at any moment, so queries read both and need not know how far the merge got.
 * Measured before slicing, a merge of 16 runs of 16 K in one transaction raised the p99 latency of
 * single decisions over HTTP from 6 to 250 ms. (Then the audit writer did these steps itself, between
 * its batches; steps of about 4 ms were still the p99 of single decisions, which is why they moved.)
 *
 * <p><b>Catching up.</b> A keeper that finds two steps or more in the tail has fallen behind (an import,
 * or a load beyond its pace) and flushes up to {@code FANOUT} steps as one run. A row costs the same
 * either way, but level 0 then grows by one run where it would grow by sixteen, so a subject's query
 * seeks that many fewer, and the merge that would have made that one run of those sixteen is never
 * needed. Such a step holds the index's lock sixteen times longer, which a subject's query may wait
 * for. Measured with rows of SQLite, under 390,000 decisions a second in batches for a minute (two
 * cores, the keeper unable to keep up): level 0 held 422 runs at the end instead of 5,167, and 30 s
 * later the keeper had caught up, with 383 runs, where before it still held a tail of 1,400 entries and
 * 7,139 runs; a subject's entries then took 26–93 ms over HTTP instead of 172–306. A big run in level
 * 0 is no harder to merge: a merge moves slices by key, whatever the sizes of its sources.
 *
 * <p><b>State lives in the database.</b> Each step (a flush or a merge) is one transaction that reads
 * where the runs end and writes the next piece, so another process keeping the same index (a CLI
 * import beside the server) or a crash between steps leaves the runs consistent: a step happened
 * whole or not at all, and whoever comes next carries on from what is stored. The runs are derived
 * data; the chained {@code audit} table remains the record, and every run can be rebuilt from it, which
 * is what happens when the index file is missing or indexes another trail ({@link #keepIfOwn}).
 *
 * <p><b>Order.</b> The runs hold each entry's time as stored ({@code at}) so that a subject's entries
 * come out of every run in listing order (time, then number), a time range narrows them, and a limit
 * is applied before any entry is read in full.
 */
final class AuditSubjectRuns {

    /**
     * Rows per level 0 run (an entry gives one, or one per item), the tail's weight that makes the keeper
     * write one, and about the rows per merge slice.
     */
    static final int STEP = 4_096;
    /** Runs of one level merged into one of the next. */
    static final int FANOUT = 16;

    private static final String HEAD = "SELECT coalesce(max(seq), 0) FROM trail.audit";
    private static final String INDEXED = "SELECT coalesce(max(last_seq), 0) FROM audit_runs";
    private static final String NEXT_RUN = "SELECT max(coalesce((SELECT max(run) FROM audit_runs), 0),"
            + " coalesce((SELECT max(run) FROM audit_merges), 0)) + 1";
    /**
     * The tail's entries from a number on, each with its weight: the rows it gives a run, one for an
     * entry without items (or none, if it has no subject: it still counts, so that a tail of them is
     * folded in steps too), and one for items that are not JSON, as {@link #weight} reads them.
     */
    private static final String TAIL = "SELECT seq, CASE WHEN items IS NULL OR NOT json_valid(items) THEN 1"
            + " ELSE max(1, json_array_length(items)) END"
            + " FROM trail.audit WHERE seq > ? ORDER BY seq LIMIT ?";
    /** What a flush reads of the entries it folds. */
    private static final String FOLDED = "SELECT seq, at, subject_hash, items FROM trail.audit"
            + " WHERE seq > ? AND seq <= ? AND (subject_hash IS NOT NULL OR items IS NOT NULL)";
    private static final String INSERT_BLOCK =
            "INSERT INTO audit_run_blocks (run, first_subject, first_at, first_seq, body) VALUES (?, ?, ?, ?, ?)";
    /** A block's key, its first row's, in the order of {@link AuditRunBlock#ORDER}. */
    private static final String KEY_ORDER = "first_subject, first_at, first_seq";
    private static final String REGISTER =
            "INSERT INTO audit_runs (run, level, first_seq, last_seq, last_hash) VALUES (?, ?, ?, ?, ?)";
    /** The hash of the last entry up to a number: a run ends there even if entries were cut from the trail. */
    private static final String HASH_UP_TO = "SELECT hash FROM trail.audit WHERE seq <= ? ORDER BY seq DESC LIMIT 1";
    private static final String CROWDED_LEVEL =
            "SELECT level FROM audit_runs GROUP BY level HAVING count(*) >= ? ORDER BY level LIMIT 1";
    private static final String OLDEST = "SELECT run, first_seq, last_seq, last_hash FROM audit_runs WHERE level = ?"
            + " ORDER BY first_seq LIMIT ?";
    private static final String START_MERGE =
            "INSERT INTO audit_merges (run, level, first_seq, last_seq, last_hash) VALUES (?, ?, ?, ?, ?)";
    private static final String MERGE = "SELECT run, level, first_seq, last_seq, last_hash FROM audit_merges";
    /** A merge's sources: the runs of its level within its numbers (runs never overlap, so exactly those). */
    private static final String SOURCES = "SELECT run FROM audit_runs WHERE level = ?1 AND first_seq >= ?2 AND last_seq <= ?3";
    /** Where a run's second and third blocks begin. */
    private static final String NEXT_BLOCKS = "SELECT " + KEY_ORDER + " FROM audit_run_blocks WHERE run = ?"
            + " ORDER BY " + KEY_ORDER + " LIMIT 2 OFFSET 1";
    /** A run's blocks below a key: ?1 the run, ?2 to ?4 the key. */
    private static final String BELOW = "run = ?1 AND (" + KEY_ORDER + ") < (?2, ?3, ?4)";
    private static final String BLOCKS_BELOW = "SELECT body FROM audit_run_blocks WHERE " + BELOW + " ORDER BY " + KEY_ORDER;
    private static final String REMOVE_BELOW = "DELETE FROM audit_run_blocks WHERE " + BELOW;
    /**
     * Bound as the upper subject of the last slice, which has no upper key: SQLite orders every text
     * before every blob, so an empty blob bounds all of them and one statement serves every slice.
     */
    private static final byte[] NO_SUBJECT_ABOVE = {};
    private static final String RETIRE = "DELETE FROM audit_runs WHERE run IN (" + SOURCES + ")";
    private static final String FINISH = "DELETE FROM audit_merges WHERE run = ?";
    private static final String LAST_RUN = "SELECT last_seq, last_hash FROM audit_runs ORDER BY last_seq DESC LIMIT 1";
    private static final String[] FORGET = {
        "DELETE FROM audit_merges", "DELETE FROM audit_run_blocks", "DELETE FROM audit_runs"};

    /** Whether an entry's items name the subject ?1: its hash, quoted, is in their text. */
    private static final String ITEMS_NAME_SUBJECT = "instr(items, '\"' || ?1 || '\"') > 0";

    /** Every run a query reads, a merge's new run among them: those with the newest entries first, or the oldest. */
    private static final String RUNS_NEWEST_FIRST = "SELECT run, last_seq FROM audit_runs"
            + " UNION ALL SELECT run, last_seq FROM audit_merges ORDER BY 2 DESC";
    private static final String RUNS_OLDEST_FIRST = "SELECT run, first_seq FROM audit_runs"
            + " UNION ALL SELECT run, first_seq FROM audit_merges ORDER BY 2";
    /**
     * A run's blocks that begin with the subject ?2, from its newest rows or from its oldest, but those
     * that begin at or after ?3, the end of the time range, whose rows are all after it.
     */
    private static final String SUBJECT_BLOCKS = "SELECT first_at, first_seq, body FROM audit_run_blocks"
            + " WHERE run = ?1 AND first_subject = ?2 AND first_at < ?3 ORDER BY first_at, first_seq";
    private static final String SUBJECT_BLOCKS_BACKWARDS = "SELECT first_at, first_seq, body FROM audit_run_blocks"
            + " WHERE run = ?1 AND first_subject = ?2 AND first_at < ?3 ORDER BY first_at DESC, first_seq DESC";
    /** The last block of a run before those that begin with the subject ?2: it may hold the subject's first rows. */
    private static final String BLOCK_BEFORE = "SELECT body FROM audit_run_blocks WHERE run = ?1 AND first_subject < ?2"
            + " ORDER BY first_subject DESC, first_at DESC, first_seq DESC LIMIT 1";
    /**
     * The tail's entries that name the subject ?1 in a time range, from ?2 (inclusive) to ?3 (exclusive).
     * Times are compared as the stored text, which sorts as time does.
     */
    private static final String TAIL_OF = "SELECT at, seq FROM trail.audit"
            // Unary plus keeps the planner off audit_by_time: the tail is found by number.
            + " WHERE seq > (" + INDEXED + ") AND (subject_hash = ?1 OR " + ITEMS_NAME_SUBJECT + ")"
            + " AND +at >= ?2 AND +at < ?3";

    private final int step;
    private final int fanout;
    private final int blockRows;
    private final int blockMost;

    AuditSubjectRuns() {
        this(STEP, FANOUT);
    }

    /** A block ends inside a subject once it holds {@code fanout} times its share of rows. */
    AuditSubjectRuns(int step, int fanout) {
        this(step, fanout, Math.max(1, step / fanout) * fanout);
    }

    /**
     * Smaller sizes let tests reach merges of several levels, blocks of a row or two, and subjects that
     * span blocks, with a few dozen entries. {@code blockMost}: the rows after which a block ends even
     * inside a subject (blocks from before this bound, and what a slice writes back of them, may hold more).
     */
    AuditSubjectRuns(int step, int fanout, int blockMost) {
        if (step < 1 || fanout < 2) {
            throw new IllegalArgumentException("step must be positive and fanout at least 2");
        }
        this.step = step;
        this.fanout = fanout;
        this.blockRows = Math.max(1, step / fanout);
        if (blockMost < blockRows) {
            throw new IllegalArgumentException("a block takes at least its share of " + blockRows + " rows");
        }
        this.blockMost = blockMost;
    }

    int step() {
        return step;
    }

    /**
     * The numbers of the {@code want} entries of one subject in a time range nearest the end {@code keep}
     * names, in listing order (time, then number): all of them when it has fewer, so that fewer than
     * {@code want} means there are no more. Must run inside {@link Database#snapshot}, since it reads
     * the runs and the tail in several statements that must see one state of them.
     *
     * <p>Why not all of them, cut by the caller: a subject asked about all day (a company, a partner's
     * probe) has rows in every block of every run, and its access log read and sorted every one to keep
     * the newest 10,000 (3.3–3.9 s for one of 5.5 million entries). A run's blocks are in key order, each
     * keyed by its first row, so they are read from the kept end, and a run is left once its next block
     * can hold nothing nearer that end than the {@code want} nearest found so far: runs holding the newest
     * entries are read first when the newest are kept, and the rest are then left after a block each.
     * An entry is named only by rows about it, but a caller that shows it checks the entry itself: should
     * the trail ever be cut at its end and grow again, a run's old numbers would name other entries.
     */
    static List<Long> entriesOf(Database d, String subjectHash, String from, String to, AuditLog.Keep keep, int want)
            throws SQLException {
        Nearest nearest = new Nearest(keep, want);
        PreparedStatement tail = d.prepare(TAIL_OF);
        tail.setString(1, subjectHash);
        tail.setString(2, from);
        tail.setString(3, to);
        try (ResultSet rows = tail.executeQuery()) {
            while (rows.next()) {
                nearest.rows.add(new Row(subjectHash, rows.getString(1), rows.getLong(2)));
            }
        }
        List<Long> runs = new ArrayList<>();
        try (ResultSet rows = d.prepare(keep == AuditLog.Keep.NEWEST ? RUNS_NEWEST_FIRST : RUNS_OLDEST_FIRST)
                .executeQuery()) {
            while (rows.next()) {
                runs.add(rows.getLong(1));
            }
        }
        for (long run : runs) {
            if (keep == AuditLog.Keep.NEWEST) {
                newestOf(d, run, subjectHash, from, to, nearest);
            } else {
                oldestOf(d, run, subjectHash, from, to, nearest);
            }
        }
        return nearest.seqs();
    }

    /** Adds a run's rows of the subject to {@code nearest}, newest first, until older ones cannot count. */
    private static void newestOf(Database d, long run, String subject, String from, String to, Nearest nearest)
            throws SQLException {
        try (ResultSet blocks = bindSubject(d.prepare(SUBJECT_BLOCKS_BACKWARDS), run, subject, to).executeQuery()) {
            while (blocks.next()) {
                AuditRunBlock.collect(blocks.getBytes(3), subject, from, to, nearest.rows);
                // Every row of the blocks still to come is before this block's first.
                if (nearest.full() && nearest.farther(new Row(subject, blocks.getString(1), blocks.getLong(2)))) {
                    return;
                }
            }
        }
        collectBlockBefore(d, run, subject, from, to, nearest);
    }

    /** Adds a run's rows of the subject to {@code nearest}, oldest first, until newer ones cannot count. */
    private static void oldestOf(Database d, long run, String subject, String from, String to, Nearest nearest)
            throws SQLException {
        collectBlockBefore(d, run, subject, from, to, nearest);
        try (ResultSet blocks = bindSubject(d.prepare(SUBJECT_BLOCKS), run, subject, to).executeQuery()) {
            while (blocks.next()) {
                // Every row of this block and of those after it is at or after this block's first.
                if (nearest.full() && nearest.farther(new Row(subject, blocks.getString(1), blocks.getLong(2)))) {
                    return;
                }
                AuditRunBlock.collect(blocks.getBytes(3), subject, from, to, nearest.rows);
            }
        }
    }

    private static void collectBlockBefore(Database d, long run, String subject, String from, String to,
                                           Nearest nearest) throws SQLException {
        PreparedStatement before = d.prepare(BLOCK_BEFORE);
        before.setLong(1, run);
        before.setString(2, subject);
        try (ResultSet block = before.executeQuery()) {
            if (block.next()) {
                AuditRunBlock.collect(block.getBytes(1), subject, from, to, nearest.rows);
            }
        }
    }

    private static PreparedStatement bindSubject(PreparedStatement statement, long run, String subject, String to)
            throws SQLException {
        statement.setLong(1, run);
        statement.setString(2, subject);
        statement.setString(3, to);
        return statement;
    }

    /**
     * The rows found so far, of which the {@code want} nearest the kept end are the answer: cut down to
     * those whenever asked whether they are all there, which also fixes the farthest of them, beyond which
     * no row can count.
     */
    private static final class Nearest {

        final List<Row> rows = new ArrayList<>();
        private final boolean newest;
        private final int want;

        Nearest(AuditLog.Keep keep, int want) {
            this.newest = keep == AuditLog.Keep.NEWEST;
            this.want = want;
        }

        /** Whether {@code want} rows have been found; if so, only those are kept. */
        boolean full() {
            if (rows.size() < want) {
                return false;
            }
            rows.sort(AuditRunBlock.ORDER);
            if (rows.size() > want) {
                List<Row> kept = newest ? rows.subList(rows.size() - want, rows.size()) : rows.subList(0, want);
                List<Row> copy = new ArrayList<>(kept);
                rows.clear();
                rows.addAll(copy);
            }
            return true;
        }

        /**
         * Whether rows on the far side of {@code bound} (before it when the newest are kept, from it on when
         * the oldest) are all farther than the rows kept; only once {@link #full}.
         */
        boolean farther(Row bound) {
            int order = AuditRunBlock.ORDER.compare(bound, newest ? rows.getFirst() : rows.getLast());
            return newest ? order <= 0 : order > 0;
        }

        /** The nearest {@code want} rows' numbers, in listing order. */
        List<Long> seqs() {
            if (!full()) {
                rows.sort(AuditRunBlock.ORDER);
            }
            return rows.stream().map(Row::seq).toList();
        }
    }

    /**
     * Whether the runs index this very trail: the entry their last run ends at (the last one up to its
     * {@code last_seq}, should entries have been cut from the trail) is there with the hash the run
     * recorded, and since each entry's hash covers the one before, that entry vouches for every entry
     * the runs name. Runs that index another trail (the database file restored from an older copy, say)
     * are forgotten in the caller's transaction, and the steps that follow rebuild them; returns whether
     * they were kept.
     */
    boolean keepIfOwn(Database d) throws SQLException {
        try (ResultSet last = d.prepare(LAST_RUN).executeQuery()) {
            if (!last.next()) {
                return true;
            }
            // Looked up as the flush recorded it: the last entry up to the run's end.
            PreparedStatement hash = d.prepare(HASH_UP_TO);
            hash.setLong(1, last.getLong(1));
            try (ResultSet entry = hash.executeQuery()) {
                if (entry.next() && entry.getString(1).equals(last.getString(2))) {
                    return true;
                }
            }
        }
        for (String sql : FORGET) {
            d.execute(sql);
        }
        return false;
    }

    /**
     * Does the next piece of work, if any, inside the caller's transaction: writes a run when the tail
     * holds a full step (or, when {@code foldShortTail}, anything at all), moves the next slice of the merge under
     * way, or starts a merge of the lowest level holding {@code fanout} runs. Returns whether it did
     * anything.
     */
    boolean maintain(Database d, boolean foldShortTail) throws SQLException {
        long indexed = single(d, INDEXED);
        Tail tail = tail(d, indexed);
        Merge merge = null;
        try (ResultSet row = d.prepare(MERGE).executeQuery()) {
            if (row.next()) {
                merge = new Merge(row.getLong(1), row.getInt(2), row.getLong(3), row.getLong(4), row.getString(5));
            }
        }
        // A merge under way goes first until the tail holds two steps: under a steady load flushes and
        // slices then alternate, and neither the tail nor level 0 grows without bound. A keeper that far
        // behind writes what it can of the tail as one run (see the class's comment).
        if (tail.weight() >= 2L * step) {
            flush(d, indexed, tail.catchUpEnd());
            return true;
        }
        if (merge == null && (tail.weight() >= step || (foldShortTail && tail.weight() > 0))) {
            flush(d, indexed, tail.stepEnd());
            return true;
        }
        if (merge != null) {
            slice(d, merge);
            return true;
        }
        return startMerge(d);
    }

    /**
     * The tail after {@code indexed}, weighed up to {@code fanout} steps, and where a run of it would end:
     * after the entries whose weights fill a step (or {@code fanout} steps, to catch up), or after the
     * first entry should it alone weigh more.
     */
    private Tail tail(Database d, long indexed) throws SQLException {
        long most = (long) fanout * step;
        PreparedStatement select = d.prepare(TAIL);
        select.setLong(1, indexed);
        select.setLong(2, most);
        long weight = 0;
        long stepEnd = indexed;
        long catchUpEnd = indexed;
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next() && weight < most) {
                weight += rows.getLong(2);
                if (weight <= step || stepEnd == indexed) {
                    stepEnd = rows.getLong(1);
                }
                if (weight <= most || catchUpEnd == indexed) {
                    catchUpEnd = rows.getLong(1);
                }
            }
        }
        return new Tail(weight, stepEnd, catchUpEnd);
    }

    /** The rows an entry gives the runs, as {@link #TAIL} weighs it: one, or one per item. */
    static int weight(AuditLog.AuditEvent event) {
        return Math.max(1, event.items().size());
    }

    /**
     * Writes the entries after {@code indexed} up to {@code upTo} as a run of level 0: a row for an
     * entry's subject and one for each of its items' (a subject a batch names twice once), sorted.
     * Items whose text was tampered with are read as none, as every reader of the trail reads them,
     * rather than stopping the keeper for good (the entry's hash shows the tampering).
     */
    private void flush(Database d, long indexed, long upTo) throws SQLException {
        long run = single(d, NEXT_RUN);
        PreparedStatement folded = d.prepare(FOLDED);
        folded.setLong(1, indexed);
        folded.setLong(2, upTo);
        List<Row> rows = new ArrayList<>();
        try (ResultSet entries = folded.executeQuery()) {
            while (entries.next()) {
                long seq = entries.getLong(1);
                String at = entries.getString(2);
                String subject = entries.getString(3);
                if (!AuditRunBlock.indexable(at)) {
                    continue;
                }
                if (subject != null && AuditRunBlock.indexable(subject)) {
                    rows.add(new Row(subject, at, seq));
                }
                for (AuditLog.Item item : AuditItems.decode(entries.getString(4))) {
                    if (AuditRunBlock.indexable(item.subjectHash())) {
                        rows.add(new Row(item.subjectHash(), at, seq));
                    }
                }
            }
        }
        rows.sort(AuditRunBlock.ORDER);
        writeBlocks(d, run, distinct(rows));
        PreparedStatement hash = d.prepare(HASH_UP_TO);
        hash.setLong(1, upTo);
        try (ResultSet row = hash.executeQuery()) {
            register(d, run, 0, indexed + 1, upTo, row.next() ? row.getString(1) : SqliteAuditLog.GENESIS);
        }
    }

    /** {@code sorted} without repeats, which lie next to each other (an entry's number fixes its time). */
    private static List<Row> distinct(List<Row> sorted) {
        List<Row> distinct = new ArrayList<>(sorted.size());
        for (Row row : sorted) {
            if (distinct.isEmpty() || distinct.getLast().seq() != row.seq() || !distinct.getLast().sameSubject(row)) {
                distinct.add(row);
            }
        }
        return distinct;
    }

    /**
     * Writes {@code rows}, in key order, as blocks of {@code run}: a block ends after its share, at a
     * change of subject, or once it holds {@code blockMost} rows, within a subject that has more.
     */
    private void writeBlocks(Database d, long run, List<Row> rows) throws SQLException {
        for (int start = 0; start < rows.size(); ) {
            int end = Math.min(rows.size(), start + blockRows);
            while (end < rows.size() && end - start < blockMost && rows.get(end).sameSubject(rows.get(end - 1))) {
                end++;
            }
            writeBlock(d, run, rows.subList(start, end));
            start = end;
        }
    }

    /** Writes {@code rows}, in key order and not empty, as one block of {@code run}, keyed by its first row. */
    private static void writeBlock(Database d, long run, List<Row> rows) throws SQLException {
        PreparedStatement insert = d.prepare(INSERT_BLOCK);
        Row first = rows.getFirst();
        insert.setLong(1, run);
        insert.setString(2, first.subject());
        insert.setString(3, first.at());
        insert.setLong(4, first.seq());
        insert.setBytes(5, AuditRunBlock.encode(rows));
        insert.executeUpdate();
    }

    private boolean startMerge(Database d) throws SQLException {
        PreparedStatement crowded = d.prepare(CROWDED_LEVEL);
        crowded.setInt(1, fanout);
        int level;
        try (ResultSet row = crowded.executeQuery()) {
            if (!row.next()) {
                return false;
            }
            level = row.getInt(1);
        }
        PreparedStatement oldest = d.prepare(OLDEST);
        oldest.setInt(1, level);
        oldest.setInt(2, fanout);
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        String lastHash = null;
        try (ResultSet rows = oldest.executeQuery()) {
            while (rows.next()) {
                first = Math.min(first, rows.getLong(2));
                if (rows.getLong(3) > last) {
                    last = rows.getLong(3);
                    lastHash = rows.getString(4);
                }
            }
        }
        PreparedStatement start = d.prepare(START_MERGE);
        start.setLong(1, single(d, NEXT_RUN));
        start.setInt(2, level);
        start.setLong(3, first);
        start.setLong(4, last);
        start.setString(5, lastHash);
        start.executeUpdate();
        return true;
    }

    /**
     * Moves the next slice: every source's rows below the latest key where some source's second block
     * begins, or below the earliest key where some source's third block begins if that comes first (all
     * of them when no source has a second), so that each source gives a block or two. What is left of a
     * source's last block read goes back as a block of its own. Bounds are whole keys, not subjects, so
     * that a subject spanning many blocks cannot hold a slice back: it may be cut between the new run and
     * its sources for a while, which queries read alike. With the last slice the new run takes its
     * sources' place.
     *
     * <p>Why the latest second: with the earliest, a slice ends where the first source's first block
     * does, and every other source's first block is cut there and written back; sixteen sources' blocks
     * end at nearly the same place, so each slice moved a sixteenth of a block from each and wrote fifteen
     * sixteenths back, and merges ran at a tenth of the pace of flushes. Why no further than a third: a
     * small source (a short tail folded on a quiet day) has blocks that span nearly every subject, and its
     * second block's start alone would make one slice of nearly the whole merge, held under the index's
     * lock and in memory.
     */
    private void slice(Database d, Merge merge) throws SQLException {
        List<Long> sources = new ArrayList<>();
        try (ResultSet rows = bindSources(d.prepare(SOURCES), merge).executeQuery()) {
            while (rows.next()) {
                sources.add(rows.getLong(1));
            }
        }
        Row latestSecond = null;
        Row earliestThird = null;
        for (long source : sources) {
            PreparedStatement next = d.prepare(NEXT_BLOCKS);
            next.setLong(1, source);
            try (ResultSet row = next.executeQuery()) {
                if (row.next()) {
                    Row second = key(row);
                    latestSecond = latestSecond == null || AuditRunBlock.ORDER.compare(second, latestSecond) > 0
                            ? second : latestSecond;
                }
                if (row.next()) {
                    Row third = key(row);
                    earliestThird = earliestThird == null || AuditRunBlock.ORDER.compare(third, earliestThird) < 0
                            ? third : earliestThird;
                }
            }
        }
        Row until = earliestThird != null && AuditRunBlock.ORDER.compare(earliestThird, latestSecond) < 0
                ? earliestThird : latestSecond;
        List<Row> moved = new ArrayList<>();
        for (long source : sources) {
            List<Row> rows = new ArrayList<>();
            try (ResultSet blocks = bindBelow(d.prepare(BLOCKS_BELOW), source, until).executeQuery()) {
                while (blocks.next()) {
                    rows.addAll(AuditRunBlock.decode(blocks.getBytes(1)));
                }
            }
            bindBelow(d.prepare(REMOVE_BELOW), source, until).executeUpdate();
            int cut = rows.size();
            while (until != null && cut > 0 && AuditRunBlock.ORDER.compare(rows.get(cut - 1), until) >= 0) {
                cut--;
            }
            moved.addAll(rows.subList(0, cut));
            if (cut < rows.size()) {
                writeBlock(d, source, rows.subList(cut, rows.size()));
            }
        }
        moved.sort(AuditRunBlock.ORDER);
        writeBlocks(d, merge.run(), moved);
        if (until != null) {
            return;
        }
        bindSources(d.prepare(RETIRE), merge).executeUpdate();
        register(d, merge.run(), merge.level() + 1, merge.first(), merge.last(), merge.lastHash());
        PreparedStatement finish = d.prepare(FINISH);
        finish.setLong(1, merge.run());
        finish.executeUpdate();
    }

    private static void register(Database d, long run, int level, long first, long last, String lastHash)
            throws SQLException {
        PreparedStatement register = d.prepare(REGISTER);
        register.setLong(1, run);
        register.setInt(2, level);
        register.setLong(3, first);
        register.setLong(4, last);
        register.setString(5, lastHash);
        register.executeUpdate();
    }

    /** A block's key as {@link #NEXT_BLOCKS} reads it. */
    private static Row key(ResultSet row) throws SQLException {
        return new Row(row.getString(1), row.getString(2), row.getLong(3));
    }

    /** Binds a run and the key its blocks start below ({@code null}: no bound). */
    private static PreparedStatement bindBelow(PreparedStatement statement, long run, Row until) throws SQLException {
        statement.setLong(1, run);
        if (until != null) {
            statement.setString(2, until.subject());
            statement.setString(3, until.at());
            statement.setLong(4, until.seq());
        } else {
            statement.setBytes(2, NO_SUBJECT_ABOVE);
            statement.setString(3, "");
            statement.setLong(4, 0);
        }
        return statement;
    }

    /** Binds ?1 to ?3: the merge's level and numbers, which name its sources. */
    private static PreparedStatement bindSources(PreparedStatement statement, Merge merge) throws SQLException {
        statement.setInt(1, merge.level());
        statement.setLong(2, merge.first());
        statement.setLong(3, merge.last());
        return statement;
    }

    /** The number of the trail's last entry, 0 when it is empty. */
    static long head(Database d) throws SQLException {
        return single(d, HEAD);
    }

    private static long single(Database d, String sql) throws SQLException {
        try (ResultSet row = d.prepare(sql).executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    /**
     * The tail's weight (counted up to about {@code fanout} steps), and the numbers where a step of it ends
     * and where a run that catches up on it ends.
     */
    private record Tail(long weight, long stepEnd, long catchUpEnd) {
    }

    /** A merge under way, as stored in {@code audit_merges}. */
    private record Merge(long run, int level, long first, long last, String lastHash) {
    }
}
