package org.credence.store.sqlite;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.credence.store.AuditLog;
import org.credence.store.AuditLog.Item;
import org.credence.store.StoreException;

/**
 * The audit trail in the {@code audit} table of {@code credence.db}.
 *
 * <h2>Design</h2>
 *
 * <p><b>Group commit.</b> An entry is acknowledged only once it is durable, and with
 * {@code synchronous=FULL} durability means a sync of the write-ahead log, a millisecond or more on
 * real disks. One transaction per entry would cap every audited operation, decisions included, at the
 * disk's sync rate. Instead every entry waiting when the writer comes round is chained and inserted in
 * one transaction and made durable by one sync. The busier the system, the bigger the batch, so the
 * sync is paid per batch and throughput is bounded by the cost of hashing and inserting rows, not by
 * how many syncs the disk manages a second; a lone entry still costs just one commit.
 *
 * <p><b>One writer thread.</b> The chain is a strict sequence: an entry's number and hash depend on the
 * entry before it. A single thread that takes entries off a queue puts them in that sequence without
 * any lock on the callers' side, and it is the natural place to gather a batch. It is a platform
 * thread because it spends its time blocked in the native sync, which would pin a virtual thread's
 * carrier. The chain's head (last number and hash) is read from the table inside each batch's
 * transaction rather than kept in memory: the transaction already holds the file's write lock, so
 * the head read there is the true one even when another process (a CLI command on the same data
 * directory) has appended meanwhile, and a batch that failed leaves nothing to reconcile: it was
 * rolled back, and the next batch reads the head afresh. A failed batch fails every one of its
 * futures; no entry is dropped silently. The other writers of the chain are the writes that must be
 * durable with their entries, records and the rights' steps among them: each chains its entries in its
 * own transaction ({@link AuditChain}, under the same connection lock).
 *
 * <p><b>Completion off the writer.</b> A batch's futures are completed on a virtual thread, so a
 * caller's dependent stage never runs on the writer: a slow callback cannot stall the log, and one
 * that appends and waits cannot deadlock it.
 *
 * <p><b>Canonical encoding.</b> An auditor must be able to recompute every hash from the table and
 * this comment alone, in any language. Each value is length-prefixed, so no choice of content can make
 * two different entries encode alike ({@code ("ab", "c")} and {@code ("a", "bc")} differ), an absent
 * subject differs from an empty one, and a leading tag names the encoding so that a future one can be
 * told apart.
 *
 * <p><b>One entry for a batch of decisions.</b> A batch request's decisions share their instant,
 * client and purpose, so they are one entry whose {@code items} name each subject (by keyed hash) with
 * its outcome, in the request's order. An entry per decision cost the writer a row of some 300 bytes
 * and a hash for each: measured over HTTP with batches of 1,000, 3.75 of the server's 9.5 µs per
 * decision, against 0.72 of 5.0 with one entry per batch (and 348,000 decisions a second at 8
 * connections instead of 153,000). One entry of a thousand items is one row and one hash over some
 * 80 KB, and the decisions are as accountable as before: each is in the chain, covered by the entry's
 * hash, and found by its subject (the index expands the items).
 *
 * <h2>The encoding</h2>
 *
 * <pre>
 * hash = lowercase hex of SHA-256( F("credence-audit-v1") F(seq) F(at) F(actor) F(role) F(action)
 *                                  F(subject_hash) F(purpose) F(outcome) F(previous_hash) )
 * and for an entry whose items are not NULL:
 * hash = lowercase hex of SHA-256( F("credence-audit-v2") F(seq) F(at) F(actor) F(role) F(action)
 *                                  F(subject_hash) F(purpose) F(outcome) F(items) F(previous_hash) )
 * F(text)   = length of the text's UTF-8 bytes as 4 bytes big-endian, then those bytes
 * F(absent) = FF FF FF FF (only subject_hash may be absent: NULL in the table)
 * </pre>
 * Every value is taken exactly as stored in its column: {@code seq} in decimal digits; {@code at} as
 * ISO-8601 UTC with nine fraction digits ({@code 2026-03-01T08:00:00.123456789Z}); hashes in lowercase
 * hex; {@code items} as the JSON text stored: an array of {@code [subject_hash, outcome]} pairs without
 * spaces, each string escaped as JSON requires and no more ({@code \"} {@code \\} {@code \b} {@code \f}
 * {@code \n} {@code \r} {@code \t}, any other character below U+0020 as {@code \}{@code u00XX} with
 * uppercase hex digits, every other character as itself), in UTF-8: from the items alone, Python's
 * {@code json.dumps(items, ensure_ascii=False, separators=(",", ":"))} gives the same text but for those
 * rare control characters, in lowercase hex. The first entry is number 1 and its previous hash is 64
 * zeros. In Python:
 * <pre>
 * def f(v): return b"\xff\xff\xff\xff" if v is None else len(v.encode()).to_bytes(4, "big") + v.encode()
 * values = [str(seq), at, actor, role, action, subject_hash, purpose, outcome]
 * values = (["credence-audit-v1"] + values if items is None else ["credence-audit-v2"] + values + [items])
 * h = sha256(b"".join(f(v) for v in values + [previous_hash])).hexdigest()
 * </pre>
 *
 * <h2>What the chain proves</h2>
 * An entry changed, removed or moved breaks the chain at that entry, and {@link #verify} names the
 * first such entry. Entries cut off the end leave a shorter chain that is still intact, which is why
 * verification reports the head hash: noted or published, it shows such a cut later.
 * {@link #verify} reads the table in pages, releasing the database between them, so it runs beside the
 * writer and needs the same memory for a hundred million entries as for ten.
 */
final class SqliteAuditLog implements AuditLog, AutoCloseable {

    static final String GENESIS = "0".repeat(64);
    static final String ENCODING = "credence-audit-v1";
    static final String ENCODING_WITH_ITEMS = "credence-audit-v2";

    /**
     * Bounds one transaction's size and the time the database lock is held for it, in rows of the index
     * by subject ({@link AuditSubjectRuns#weight}: an entry's items count one each, since an entry of a
     * thousand decisions is a thousand entries' worth of text): appends are taken while fewer are
     * gathered.
     */
    static final int MAX_BATCH = 10_000;
    // Beyond this many waiting appends appenders block: memory stays bounded under overload.
    private static final int QUEUE_CAPACITY = 65_536;
    private static final int VERIFY_PAGE = 10_000;

    static final String COLUMNS =
            "seq, at, actor, role, action, subject_hash, purpose, outcome, previous_hash, hash, items";
    /** Entries by number, the numbers given as a JSON array. */
    private static final String BY_SEQS = "SELECT " + COLUMNS + " FROM trail.audit WHERE seq IN (SELECT value FROM json_each(?))"
            + " ORDER BY at, seq";
    /** A subject's entries are read back this many numbers at a time at least, when a query keeps some actions only. */
    static final int SUBJECT_PAGE = 1_000;
    /** Bounds for a query open at either end: every stored time sorts after "" and before "~". */
    private static final String EARLIEST = "";
    private static final String LATEST = "~";
    private static final String PAGE = "SELECT " + COLUMNS + " FROM audit WHERE seq > ? ORDER BY seq LIMIT ?";
    private static final String STORED_BY = "SELECT audit_seq, last_id FROM trail.record_blocks WHERE first_id <= ?"
            + " ORDER BY first_id DESC LIMIT 1";
    private static final String BY_SEQ = "SELECT " + COLUMNS + " FROM trail.audit WHERE seq = ?";

    /** Marks the end of the queue; compared by identity. */
    private static final Pending STOP = new Pending(null, null);

    private final Database db;
    private final AuditSubjectIndex index;
    private final int subjectPage;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>(QUEUE_CAPACITY);
    private final ExecutorService completions = Executors.newVirtualThreadPerTaskExecutor();
    private final EntryHash writerHash = new EntryHash();
    private final AtomicLong commits = new AtomicLong();
    private final ReentrantLock closeLock = new ReentrantLock();
    private final Thread writer;
    private volatile boolean closing;
    // Set by the writer before its last sweep of the queue; an appender that sees it takes its entry back.
    private volatile boolean stopped;

    /** The trail in {@code db}, with its index by subject (the caller's to close, after this log). */
    SqliteAuditLog(Database db, AuditSubjectIndex index) {
        this(db, index, SUBJECT_PAGE);
    }

    /** The same, reading a subject's entries back {@code subjectPage} numbers at a time at least: small in tests, so that pages show. */
    SqliteAuditLog(Database db, AuditSubjectIndex index, int subjectPage) {
        this.db = db;
        this.index = index;
        this.subjectPage = subjectPage;
        this.writer = Thread.ofPlatform().name("credence-audit-writer").daemon().start(this::run);
    }

    @Override
    public CompletableFuture<AuditEntry> append(AuditEvent event) {
        Objects.requireNonNull(event, "event");
        // Refused here, not only in the writer, where it would fail the commit of every entry grouped with it.
        AuditChain.requireAppendable(event);
        if (closing) {
            return CompletableFuture.failedFuture(closed());
        }
        Pending pending = new Pending(event, new CompletableFuture<>());
        try {
            queue.put(pending);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pending.future.completeExceptionally(e);
            return pending.future;
        }
        // Either the writer's last sweep took the entry (and wrote it), or it is still queued and
        // would never be written: exactly one of the two sides gets it.
        if (stopped && queue.remove(pending)) {
            pending.future.completeExceptionally(closed());
        }
        return pending.future;
    }

    @Override
    public List<AuditEntry> entries(Query query) {
        // One subject's entries come through the runs (see AuditSubjectRuns); a stretch of time through
        // audit_by_time, whose order (at, seq) is the answer's, read forwards or backwards from the end
        // the query keeps. Both on the index's connection, which has the trail attached, in one snapshot:
        // neither waits for the writer, though a query may wait for a step of this process's keeper.
        String from = query.from().map(Timestamps::format).orElse(EARLIEST);
        String to = query.to().map(Timestamps::format).orElse(LATEST);
        return index.snapshot(d -> {
            List<AuditEntry> found;
            if (query.subjectHash().isPresent()) {
                String subject = query.subjectHash().get();
                found = query.actions().isEmpty()
                        ? entriesOf(d, AuditSubjectRuns.entriesOf(d, subject, from, to, query.keep(), query.limit()), subject)
                        : kept(d, subject, from, to, query);
            } else {
                List<String> actions = List.copyOf(query.actions());
                PreparedStatement select = d.prepare(byTime(query.keep(), actions.size()));
                select.setString(1, from);
                select.setString(2, to);
                for (int i = 0; i < actions.size(); i++) {
                    select.setString(3 + i, actions.get(i));
                }
                select.setInt(3 + actions.size(), query.limit());
                found = rows(select);
            }
            return query.storedRecords().isEmpty() ? found : withWrites(d, found, query);
        });
    }

    /**
     * Entries in a stretch of time, of some actions only when {@code actions} is positive (their names
     * bound after the two times), keeping the oldest or, reading audit_by_time backwards, the newest.
     * No index is by action: a rare action is looked for through the whole stretch.
     */
    private static String byTime(Keep keep, int actions) {
        String where = " FROM trail.audit WHERE at >= ? AND at < ?"
                + (actions == 0 ? "" : " AND action IN (" + String.join(", ", Collections.nCopies(actions, "?")) + ")");
        return keep == Keep.OLDEST
                ? "SELECT " + COLUMNS + where + " ORDER BY at, seq LIMIT ?"
                : "SELECT * FROM (SELECT " + COLUMNS + where + " ORDER BY at DESC, seq DESC LIMIT ?) ORDER BY at, seq";
    }

    /** The entries numbered {@code seqs}, as the subject may see them, in listing order. */
    private static List<AuditEntry> entriesOf(Database d, List<Long> seqs, String subject) throws SQLException {
        PreparedStatement select = d.prepare(BY_SEQS);
        select.setString(1, seqs.toString());
        return rows(select).stream().flatMap(entry -> itemsOf(entry, subject).stream()).toList();
    }

    /**
     * The entries of the query's actions among a subject's, read a page at a time from the end the query
     * keeps until its limit is reached: which of a subject's entries are of those actions only the
     * entries themselves say, and the subject's own reads of its log may be most of its newest ones. The
     * subject's numbers nearest that end are asked of the runs a few pages' worth at a time, four times
     * as many each time they run out; in one snapshot, the fewer are the first of the more.
     */
    private List<AuditEntry> kept(Database d, String subject, String from, String to, Query query) throws SQLException {
        int page = Math.max(query.limit(), subjectPage);
        boolean newest = query.keep() == Keep.NEWEST;
        List<List<AuditEntry>> pages = new ArrayList<>();
        int found = 0;
        int read = 0;
        for (long want = page; found < query.limit(); want *= 4) {
            List<Long> seqs = AuditSubjectRuns.entriesOf(d, subject, from, to, query.keep(),
                    (int) Math.min(want, Integer.MAX_VALUE));
            for (; read < seqs.size() && found < query.limit(); read += page) {
                int first = newest ? Math.max(0, seqs.size() - read - page) : read;
                int last = newest ? seqs.size() - read : Math.min(seqs.size(), read + page);
                List<AuditEntry> matching = entriesOf(d, seqs.subList(first, last), subject).stream()
                        .filter(entry -> query.admits(entry.event().action())).toList();
                pages.add(matching);
                found += matching.size();
            }
            if (seqs.size() < want) {
                break;
            }
        }
        if (newest) {
            Collections.reverse(pages);
        }
        return cut(query, pages.stream().flatMap(List::stream).toList());
    }

    /** {@code sorted}, oldest first, cut to the query's limit at the end it keeps. */
    private static <T> List<T> cut(Query query, List<T> sorted) {
        int limit = query.limit();
        if (sorted.size() <= limit) {
            return sorted;
        }
        return query.keep() == Keep.OLDEST ? sorted.subList(0, limit) : sorted.subList(sorted.size() - limit, sorted.size());
    }

    /**
     * {@code found} and the entries of the writes that stored the query's records, in the trail's
     * listing order, cut to the limit at the end the query keeps. A record's block names the entry that
     * stored it.
     */
    private static List<AuditEntry> withWrites(Database d, List<AuditEntry> found, Query query) throws SQLException {
        Set<Long> seqs = new HashSet<>();
        found.forEach(entry -> seqs.add(entry.seq()));
        List<AuditEntry> all = new ArrayList<>(found);
        for (long record : query.storedRecords()) {
            PreparedStatement block = d.prepare(STORED_BY);
            block.setLong(1, record);
            long seq = 0;
            try (ResultSet row = block.executeQuery()) {
                if (row.next() && row.getLong(2) >= record) {
                    seq = row.getLong(1);
                }
            }
            if (seq == 0 || !seqs.add(seq)) {
                continue;
            }
            PreparedStatement entry = d.prepare(BY_SEQ);
            entry.setLong(1, seq);
            for (AuditEntry written : rows(entry)) {
                Instant at = written.event().at();
                if (query.admits(written.event().action()) && query.from().map(from -> !at.isBefore(from)).orElse(true)
                        && query.to().map(at::isBefore).orElse(true)) {
                    all.add(written);
                }
            }
        }
        all.sort(Comparator.comparing((AuditEntry e) -> e.event().at()).thenComparingLong(AuditEntry::seq));
        return cut(query, all);
    }

    /**
     * {@code entry} as the subject {@code subjectHash} may see it: whole when it is about that subject
     * alone, with that subject's items only when it is about many, and not at all when neither. The
     * queries' own conditions already hold the last case out, but only for rows as written: a row
     * tampered with (its hash shows it) could name the subject's hash in items that hold no item
     * about it, or beside another subject, and would then reach the subject as a lookup of someone else.
     */
    private static Optional<AuditEntry> itemsOf(AuditEntry entry, String subjectHash) {
        AuditEvent e = entry.event();
        if (e.items().isEmpty()) {
            return e.subjectHash().filter(subjectHash::equals).map(own -> entry);
        }
        List<Item> own = e.items().stream().filter(item -> item.subjectHash().equals(subjectHash)).toList();
        if (own.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new AuditEntry(entry.seq(), new AuditEvent(e.at(), e.actor(), e.role(), e.action(),
                e.subjectHash(), e.purpose(), e.outcome(), own), entry.previousHash(), entry.hash()));
    }

    private static List<AuditEntry> rows(PreparedStatement select) throws SQLException {
        List<AuditEntry> entries = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                entries.add(Row.read(rows).entry());
            }
        }
        return entries;
    }

    @Override
    public Verification verify() {
        EntryHash hash = new EntryHash();
        long expected = 1;
        String previous = GENESIS;
        while (true) {
            long after = expected - 1;
            List<Row> page = db.read(d -> page(d, after));
            for (Row row : page) {
                if (row.seq() != expected) {
                    return new Broken(row.seq(), gap(expected, row.seq()));
                }
                if (!row.recomputedHash(hash).equals(row.hash())) {
                    return new Broken(row.seq(), "hash does not match its content");
                }
                if (!previous.equals(row.previousHash())) {
                    return new Broken(row.seq(), expected == 1
                            ? "previous hash is not the start of a chain (64 zeros)"
                            : "previous hash does not match the hash of entry " + (expected - 1));
                }
                previous = row.hash();
                expected++;
            }
            if (page.size() < VERIFY_PAGE) {
                return new Intact(expected - 1, previous);
            }
        }
    }

    private static List<Row> page(Database d, long after) throws SQLException {
        PreparedStatement select = d.prepare(PAGE);
        // The first page starts below 1 so that a row numbered 0 or less is seen, and refused.
        select.setLong(1, after == 0 ? Long.MIN_VALUE : after);
        select.setInt(2, VERIFY_PAGE);
        List<Row> rows = new ArrayList<>(VERIFY_PAGE);
        try (ResultSet result = select.executeQuery()) {
            while (result.next()) {
                rows.add(Row.read(result));
            }
        }
        return rows;
    }

    private static String gap(long expected, long found) {
        if (found < expected) {
            return "entry numbers start at 1";
        }
        return found == expected + 1
                ? "entry " + expected + " is missing"
                : "entries " + expected + " to " + (found - 1) + " are missing";
    }

    /**
     * Writes what is queued, in batches, until {@link #close} asks it to stop; then writes whatever
     * was queued before the stop became visible. Each commit is announced to the index by subject,
     * whose own thread folds the new entries in.
     */
    private void run() {
        List<Pending> batch = new ArrayList<>();
        boolean stopping = false;
        while (!stopping) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                // No one but close should stop the writer; if someone does, stop as close would, so
                // that every queued entry is still written or failed.
                stopping = true;
            }
            drain(batch);
            stopping |= batch.removeIf(pending -> pending == STOP);
            write(batch);
            batch.clear();
        }
        stopped = true;
        while (drain(batch) > 0) {
            batch.removeIf(pending -> pending == STOP);
            write(batch);
            batch.clear();
        }
    }

    /**
     * Moves waiting appends into {@code batch} while it weighs less than {@link #MAX_BATCH}; returns how
     * many appends it moved.
     */
    private int drain(List<Pending> batch) {
        int weight = batch.stream().mapToInt(Pending::weight).sum();
        int moved = 0;
        for (Pending next; weight < MAX_BATCH && (next = queue.poll()) != null; moved++) {
            batch.add(next);
            weight += next.weight();
        }
        return moved;
    }

    /** Commits {@code batch} as one transaction and completes its futures. */
    private void write(List<Pending> batch) {
        if (batch.isEmpty()) {
            return;
        }
        List<Pending> pending = List.copyOf(batch);
        List<AuditEntry> written;
        try {
            written = db.transaction((d, transaction) -> insert(d, pending));
        } catch (Throwable failure) {
            // Errors too: a writer that died would leave every later caller waiting for ever.
            StoreException cause = failure instanceof StoreException store ? store
                    : new StoreException("the audit entries could not be committed", failure);
            completions.execute(() -> pending.forEach(p -> p.future.completeExceptionally(cause)));
            return;
        }
        commits.incrementAndGet();
        index.written(pending.stream().mapToInt(Pending::weight).sum());
        completions.execute(() -> {
            for (int i = 0; i < pending.size(); i++) {
                pending.get(i).future.complete(written.get(i));
            }
        });
    }

    private List<AuditEntry> insert(Database d, List<Pending> batch) throws SQLException {
        AuditChain chain = AuditChain.resume(d, writerHash);
        List<AuditEntry> entries = new ArrayList<>(batch.size());
        for (Pending pending : batch) {
            entries.add(chain.append(pending.event));
        }
        chain.flush();
        return entries;
    }

    /** How many batches have been committed since the log was opened. */
    long commits() {
        return commits.get();
    }

    /**
     * Stops accepting entries, writes those already queued, and waits until every future handed out
     * is complete. The database and the index must stay open until this returns.
     */
    @Override
    public void close() {
        closeLock.lock();
        try {
            if (closing) {
                return;
            }
            closing = true;
            boolean interrupted = Uninterruptibly.await(() -> queue.put(STOP));
            interrupted |= Uninterruptibly.await(writer::join);
            completions.close();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        } finally {
            closeLock.unlock();
        }
    }

    private static IllegalStateException closed() {
        return new IllegalStateException("the audit log is closed");
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }

    /** One append and the future its caller waits on. */
    private record Pending(AuditEvent event, CompletableFuture<AuditEntry> future) {

        int weight() {
            return event == null ? 0 : AuditSubjectRuns.weight(event);
        }
    }

    /** One row of the table, every column as stored. */
    record Row(long seq, String at, String actor, String role, String action, String subjectHash,
               String purpose, String outcome, String previousHash, String hash, String items) {

        static Row read(ResultSet rows) throws SQLException {
            return new Row(rows.getLong(1), rows.getString(2), rows.getString(3), rows.getString(4),
                    rows.getString(5), rows.getString(6), rows.getString(7), rows.getString(8),
                    rows.getString(9), rows.getString(10), rows.getString(11));
        }

        String recomputedHash(EntryHash hash) {
            return hash.of(seq, at, actor, role, action, subjectHash, purpose, outcome, items, previousHash);
        }

        void bind(PreparedStatement insert) throws SQLException {
            insert.setLong(1, seq);
            insert.setString(2, at);
            insert.setString(3, actor);
            insert.setString(4, role);
            insert.setString(5, action);
            insert.setString(6, subjectHash);
            insert.setString(7, purpose);
            insert.setString(8, outcome);
            insert.setString(9, previousHash);
            insert.setString(10, hash);
            insert.setString(11, items);
        }

        AuditEntry entry() {
            // An entry names its subject or has items, never both; a row with both was tampered with
            // (its hash shows it), and is read with its subject and without items rather than failing
            // every listing that reaches it, the auditor's among them.
            List<Item> read = subjectHash == null ? AuditItems.decode(items) : List.of();
            AuditEvent event = new AuditEvent(Timestamps.parse(at), actor, role, action,
                    Optional.ofNullable(subjectHash), purpose, outcome, read);
            return new AuditEntry(seq, event, previousHash, hash);
        }
    }
}
