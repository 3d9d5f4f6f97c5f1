package org.credence.store.sqlite;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.credence.store.AuditLog;

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
 * {@code audit} alone, and a few times a second the index's keeper sorts the newest {@link #STEP} of them by
 * (subject, time, number) and writes them as one <em>run</em> (an entry about many subjects, a batch of
 * decisions, is a row for each and weighs as many), which SQLite lays down page after page
 * in key order. Each {@link #FANOUT} runs of a level are merged into one run of the next, so a query
 * seeks at most {@code FANOUT - 1} runs per level, in one statement: about 60 seeks at 100 million
 * entries. The entries not yet in a run (the tail: a step or two while the keeper keeps up, more just
 * after an import, which writes its entries in its own transaction) are read from the table by number.
 *
 * <p><b>Every step is small.</b> The runs live in a file of their own, kept by a thread of their own
 * ({@link AuditSubjectIndex}), so a step never holds the lock the audit writer commits under; but it
 * holds the index's own lock, which a subject's query waits for, and a snapshot of the trail, which
 * keeps the trail's write-ahead log from being rewound. A flush is one step's worth of entries, and a
 * merge moves one slice of subjects at a time (about a step's worth of rows) from its sources to the
 * new run, inserting and deleting in the same transaction: every entry is in exactly one of them at
 * any moment, so queries read both and need not know how far the merge got.
 * Measured before slicing, a merge of 16 runs of 16 K in one transaction raised the p99 latency of
 * single decisions over HTTP from 6 to 250 ms. (Then the audit writer did these steps itself, between
 * its batches; steps of about 4 ms were still the p99 of single decisions, which is why they moved.)
 *
 * <p><b>Catching up.</b> A keeper that finds two steps or more in the tail has fallen behind (an import,
 * or a load beyond its pace) and flushes up to {@code FANOUT} steps as one run. A row costs the same
 * either way, but level 0 then grows by one run where it would grow by sixteen, so a subject's query
 * seeks that many fewer, and the merge that would have made that one run of those sixteen is never
 * needed. Such a step holds the index's lock sixteen times longer, about a tenth of a second here
 * (1.5–2 µs a row), which a subject's query may wait for. Measured under 390,000 decisions a second in
 * batches for a minute (two cores, the keeper unable to keep up): level 0 held 422 runs at the end
 * instead of 5,167, and 30 s later the keeper had caught up, with 383 runs, where before it still held
 * a tail of 1,400 entries and 7,139 runs; a subject's entries then took 26–93 ms over HTTP instead of
 * 172–306. A run of a million rows or more in level 0 is no harder to merge: a merge moves slices by
 * subject, whatever the sizes of its sources.
 *
 * <p><b>State lives in the database.</b> Each step (a flush or a merge) is one transaction that reads
 * where the runs end and writes the next piece, so another process keeping the same index (a CLI
 * import beside the server) or a crash between steps leaves the runs consistent: a step happened
 * whole or not at all, and whoever comes next carries on from what is stored. The runs are derived
 * data; the chained {@code audit} table remains the record, and every run can be rebuilt from it, which
 * is what happens when the index file is missing or indexes another trail ({@link #keepIfOwn}).
 *
 * <p><b>Order.</b> The runs hold each entry's time as stored ({@code at}) so that a subject's entries
 * come out of every run already in listing order (time, then number), a time range narrows the seek,
 * and a limit is applied before any entry is read in full.
 */
final class AuditSubjectRuns {

    /**
     * Rows per level 0 run (an entry gives one, or one per item), the tail's weight that makes the keeper
     * write one, and rows per merge slice.
     */
    static final int STEP = 4_096;
    /** Runs of one level merged into one of the next. */
    static final int FANOUT = 16;

    private static final String HEAD = "SELECT coalesce(max(seq), 0) FROM trail.audit";
    private static final String INDEXED = "SELECT coalesce(max(last_seq), 0) FROM audit_runs";
    private static final String NEXT_RUN = "SELECT max(coalesce((SELECT max(run) FROM audit_runs), 0),"
            + " coalesce((SELECT max(run) FROM audit_merges), 0)) + 1";
    /**
     * An entry's subject, or each of its items'. OR IGNORE: a batch may ask about one subject twice, and
     * a run holds an entry once per subject (cheaper than UNION's own pass to the same end); and an item
     * whose text was tampered with so that it names no subject is left out rather than stopping the
     * keeper for good, as is an entry whose items are not JSON (the entry's hash shows both).
     */
    private static final String FLUSH = "INSERT OR IGNORE INTO audit_run_entries (run, subject_hash, at, seq)"
            + " SELECT ?1, subject_hash, at, seq FROM trail.audit WHERE seq > ?2 AND seq <= ?3 AND subject_hash IS NOT NULL"
            + " UNION ALL SELECT ?1, item.value ->> 0, a.at, a.seq"
            + "  FROM trail.audit a, json_each(CASE WHEN json_valid(a.items) THEN a.items END) item"
            + "  WHERE a.seq > ?2 AND a.seq <= ?3 AND a.items IS NOT NULL"
            + " ORDER BY 2, 3, 4";
    /**
     * The tail's entries from a number on, each with its weight: the rows it gives a run, one for an
     * entry without items (or none, if it has no subject: it still counts, so that a tail of them is
     * folded in steps too), and one for items that are not JSON, as {@link #weight} reads them.
     */
    private static final String TAIL = "SELECT seq, CASE WHEN items IS NULL OR NOT json_valid(items) THEN 1"
            + " ELSE max(1, json_array_length(items)) END"
            + " FROM trail.audit WHERE seq > ? ORDER BY seq LIMIT ?";
    private static final String REGISTER =
            "INSERT INTO audit_runs (run, level, first_seq, last_seq, last_hash) VALUES (?, ?, ?, ?, ?)";
    /** The hash of the last entry up to a number: a run ends there even if entries were cut from the trail. */
    private static final String HASH_UP_TO = "SELECT hash FROM trail.audit WHERE seq <= ? ORDER BY seq DESC LIMIT 1";
    private static final String CROWDED_LEVEL =
            "SELECT level FROM audit_runs GROUP BY level HAVING count(*) >= ? ORDER BY level LIMIT 1";
    private static final String OLDEST = "SELECT run, first_seq, last_seq, last_hash FROM audit_runs WHERE level = ?"
            + " ORDER BY first_seq LIMIT ?";
    private static final String START_MERGE =
            "INSERT INTO audit_merges (run, level, first_seq, last_seq, last_hash, next_subject) VALUES (?, ?, ?, ?, ?, '')";
    private static final String MERGE = "SELECT run, level, first_seq, last_seq, last_hash, next_subject FROM audit_merges";
    /** A merge's sources: the runs of its level within its numbers (runs never overlap, so exactly those). */
    private static final String SOURCES =
            "SELECT run FROM audit_runs WHERE level = ?2 AND first_seq >= ?3 AND last_seq <= ?4";
    /**
     * Where the next slice ends: the nearest of each source's subject a share of a step further on
     * (min skips the sources with less than that left), so that no source gives more than its share;
     * NULL when every source has less, and the slice takes all the rest.
     */
    private static final String SLICE_END = "SELECT min((SELECT subject_hash FROM audit_run_entries e"
            + " WHERE e.run = s.run AND e.subject_hash > ?5 ORDER BY e.subject_hash, e.at, e.seq LIMIT 1 OFFSET ?6))"
            + " FROM audit_runs s WHERE s.level = ?2 AND s.first_seq >= ?3 AND s.last_seq <= ?4";
    private static final String SLICE = " FROM audit_run_entries WHERE run IN (" + SOURCES + ")"
            + " AND subject_hash >= ?5 AND subject_hash < ?6";
    private static final String MOVE = "INSERT INTO audit_run_entries (run, subject_hash, at, seq)"
            + " SELECT ?1, subject_hash, at, seq" + SLICE + " ORDER BY subject_hash, at, seq";
    private static final String REMOVE = "DELETE" + SLICE;
    private static final byte[] NO_SUBJECT_ABOVE = {};
    private static final String ADVANCE = "UPDATE audit_merges SET next_subject = ?2 WHERE run = ?1";
    private static final String RETIRE = "DELETE FROM audit_runs WHERE run IN (" + SOURCES + ")";
    private static final String FINISH = "DELETE FROM audit_merges WHERE run = ?";
    private static final String LAST_RUN = "SELECT last_seq, last_hash FROM audit_runs ORDER BY last_seq DESC LIMIT 1";
    private static final String[] FORGET = {
        "DELETE FROM audit_merges", "DELETE FROM audit_run_entries", "DELETE FROM audit_runs"};

    /** Whether an entry's items name the subject ?1: its hash, quoted, is in their text. */
    static final String ITEMS_NAME_SUBJECT = "instr(items, '\"' || ?1 || '\"') > 0";

    /**
     * The numbers of one subject's entries in a time range, in listing order, at most a limit: from
     * every run (and a merge's new run), and from the tail after the last run. Parameters: subject hash,
     * from (inclusive), to (exclusive), limit. Times are compared as the stored text, which sorts as
     * time does.
     */
    static final String SUBJECT_SEQS = "SELECT seq FROM ("
            + " SELECT at, seq FROM audit_run_entries"
            + "  WHERE run IN (SELECT run FROM audit_runs UNION ALL SELECT run FROM audit_merges)"
            + "  AND subject_hash = ?1 AND at >= ?2 AND at < ?3"
            + " UNION ALL"
            + " SELECT at, seq FROM trail.audit"
            // Unary plus keeps the planner off audit_by_time: the tail is found by number.
            + "  WHERE seq > (" + INDEXED + ") AND (subject_hash = ?1 OR " + ITEMS_NAME_SUBJECT + ")"
            + "  AND +at >= ?2 AND +at < ?3"
            + ") ORDER BY at, seq LIMIT ?4";

    private final int step;
    private final int fanout;

    AuditSubjectRuns() {
        this(STEP, FANOUT);
    }

    /** Smaller sizes let tests reach merges of several levels with a few dozen entries. */
    AuditSubjectRuns(int step, int fanout) {
        if (step < 1 || fanout < 2) {
            throw new IllegalArgumentException("step must be positive and fanout at least 2");
        }
        this.step = step;
        this.fanout = fanout;
    }

    int step() {
        return step;
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
                merge = new Merge(row.getLong(1), row.getInt(2), row.getLong(3), row.getLong(4), row.getString(5),
                        row.getString(6));
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

    private void flush(Database d, long indexed, long upTo) throws SQLException {
        long run = single(d, NEXT_RUN);
        PreparedStatement flush = d.prepare(FLUSH);
        flush.setLong(1, run);
        flush.setLong(2, indexed);
        flush.setLong(3, upTo);
        flush.executeUpdate();
        PreparedStatement hash = d.prepare(HASH_UP_TO);
        hash.setLong(1, upTo);
        try (ResultSet row = hash.executeQuery()) {
            register(d, run, 0, indexed + 1, upTo, row.next() ? row.getString(1) : SqliteAuditLog.GENESIS);
        }
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
     * Moves the subjects from the merge's next one up to (not including) the one about a step's rows
     * further on, or all the rest; with the last slice the new run takes its sources' place.
     */
    private void slice(Database d, Merge merge) throws SQLException {
        PreparedStatement end = bindMerge(d.prepare(SLICE_END), merge, merge.next());
        end.setInt(6, Math.max(1, step / fanout));
        String until = null;
        try (ResultSet row = end.executeQuery()) {
            if (row.next()) {
                until = row.getString(1);
            }
        }
        for (String sql : new String[] {MOVE, REMOVE}) {
            PreparedStatement statement = bindMerge(d.prepare(sql), merge, merge.next());
            if (until != null) {
                statement.setString(6, until);
            } else {
                // The last slice has no upper subject: SQLite orders every text before every blob, so
                // an empty blob bounds all of them and the range stays a range (no OR to defeat the index).
                statement.setBytes(6, NO_SUBJECT_ABOVE);
            }
            statement.executeUpdate();
        }
        if (until != null) {
            PreparedStatement advance = d.prepare(ADVANCE);
            advance.setLong(1, merge.run());
            advance.setString(2, until);
            advance.executeUpdate();
            return;
        }
        bindMerge(d.prepare(RETIRE), merge, null).executeUpdate();
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

    /** Binds ?1 to ?4 (the new run and the sources) and, when given, ?5 (the first subject of the slice). */
    private static PreparedStatement bindMerge(PreparedStatement statement, Merge merge, String from)
            throws SQLException {
        statement.setLong(1, merge.run());
        statement.setInt(2, merge.level());
        statement.setLong(3, merge.first());
        statement.setLong(4, merge.last());
        if (from != null) {
            statement.setString(5, from);
        }
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
    private record Merge(long run, int level, long first, long last, String lastHash, String next) {
    }
}
