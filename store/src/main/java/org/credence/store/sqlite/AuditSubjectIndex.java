package org.credence.store.sqlite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The audit trail's index by subject ({@link AuditSubjectRuns}) in a file of its own,
 * {@code audit-index.db}, with the thread that keeps it up to date and the connection that reads it.
 *
 * <h2>Why a file and a thread of its own</h2>
 *
 * <p>SQLite lets one connection write a file at a time. While the runs lived in {@code credence.db},
 * the audit writer did each step itself between its batches, and every entry that arrived during a
 * step waited for it: measured under 12,000 single decisions a second, steps took 4.3 ms on average
 * and up to 16 ms, against 0.2 ms for a batch of entries, and they set the p99 of single decisions
 * (about 10 ms; 4–6 ms with the steps switched off). Here the index has its own connection, with the
 * trail attached read-only: a step's transaction takes the index's lock and reads the trail from a
 * snapshot, so the writer never waits for the index, nor the index for the writer.
 *
 * <p>The same connection answers queries from the trail ({@link #read}): a subject's entries need the
 * runs and the trail together. SQLite begins a statement's read of the main file before that of an
 * attached one, so the trail is read as of the same moment as the runs or later, never earlier: every
 * entry a run names is there, and the tail after the runs is read whole.
 *
 * <h2>Pacing</h2>
 *
 * <p>The audit writer announces what it commits ({@link #written}), and the keeper wakes once a step's
 * worth of rows has been announced (waking per commit cost a transaction per commit, at thousands
 * of commits a second), then steps until nothing is owed at full size: a whole step of tail, a merge
 * under way or due. It also looks once every {@link #IDLE_MILLIS}, which finds entries nobody
 * announced (an import's, in this process or another); and when the trail's last entry has not moved
 * over such a wait, it folds a shorter tail too, so that a quiet trail ends up indexed to its end.
 *
 * <p>The keeper works at most half the time: after each step it rests as long as the step worked. The
 * index is for the subject's and the auditor's questions, never on a decision's path, and catching up
 * on a large import at full speed took a core from the requests on a two-core machine; the rests also
 * let the trail's write-ahead log be rewound between the keeper's snapshots.
 */
final class AuditSubjectIndex implements AutoCloseable {

    /** How often the keeper looks unasked, and how long the trail must stand still before a short tail is folded. */
    private static final long IDLE_MILLIS = 1_000;
    private static final Logger LOG = LoggerFactory.getLogger(AuditSubjectIndex.class);

    private final Database index;
    private final AuditSubjectRuns runs;
    // Released when a step's worth of rows has been announced since the keeper last woke.
    private final Semaphore owed = new Semaphore(0);
    // The writer's alone: only its thread announces.
    private long unannounced;
    private Thread keeper;
    // The keeper's alone: how long its last step worked, for the rest that follows it.
    private long lastStepNanos;
    private long lastHead = -1;
    private volatile boolean closing;

    private AuditSubjectIndex(Database index, AuditSubjectRuns runs) {
        this.index = index;
        this.runs = runs;
    }

    /**
     * Opens the index beside the trail in {@code dataDir}, whose {@code credence.db} must exist. It moves
     * only by {@link #maintain} until {@link #startKeeping}.
     */
    static AuditSubjectIndex open(Path dataDir) {
        return open(dataDir, new AuditSubjectRuns());
    }

    /** Like {@link #open(Path)}, with the runs' sizes given (tests use small ones). */
    static AuditSubjectIndex open(Path dataDir, AuditSubjectRuns runs) {
        try {
            return new AuditSubjectIndex(ownIndex(dataDir, runs), runs);
        } catch (RuntimeException e) {
            // Derived data never stands in the way: a damaged file is set aside and the index rebuilt
            // from the trail. Only damage: a busy or unreadable file may be in use by another process,
            // and moving it from under that process would part it from its log.
            if (!damaged(e)) {
                throw e;
            }
            LOG.warn("the audit index in {} is damaged; it is set aside and rebuilt from the trail", dataDir, e);
            setAside(dataDir);
            try {
                return new AuditSubjectIndex(ownIndex(dataDir, runs), runs);
            } catch (RuntimeException again) {
                again.addSuppressed(e);
                throw again;
            }
        }
    }

    /** Whether SQLite found the index file damaged or not a database at all. */
    private static boolean damaged(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLiteException sqlite && (sqlite.getResultCode() == SQLiteErrorCode.SQLITE_CORRUPT
                    || sqlite.getResultCode() == SQLiteErrorCode.SQLITE_NOTADB)) {
                return true;
            }
        }
        return false;
    }

    private static Database ownIndex(Path dataDir, AuditSubjectRuns runs) {
        Database index = Database.openIndex(dataDir);
        try {
            if (!index.transaction((d, transaction) -> runs.keepIfOwn(d))) {
                LOG.info("the audit index in {} was built from another trail; it is rebuilt from this one", dataDir);
            }
            return index;
        } catch (RuntimeException e) {
            index.close();
            throw e;
        }
    }

    private static void setAside(Path dataDir) {
        // The log first: a new file must never meet the old file's log.
        for (String suffix : new String[] {"-wal", "-shm", ""}) {
            Path file = dataDir.resolve(Database.INDEX_FILE_NAME + suffix);
            try {
                if (Files.exists(file)) {
                    Files.move(file, dataDir.resolve(Database.INDEX_FILE_NAME + suffix + ".unusable"),
                            StandardCopyOption.REPLACE_EXISTING);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot set aside " + file, e);
            }
        }
    }

    /**
     * Starts the keeper, once: a server calls it when its state is loaded, so that catching up (on an
     * import's millions of entries, say) does not slow its start.
     */
    synchronized void startKeeping() {
        if (keeper == null && !closing) {
            // A platform thread: it spends its time in native SQLite calls.
            keeper = Thread.ofPlatform().name("credence-audit-index").daemon().start(this::keep);
        }
    }

    /**
     * Tells the keeper that entries weighing {@code rows} ({@link AuditSubjectRuns#weight}) were committed;
     * called by the audit writer's thread only, and never waits.
     */
    void written(int rows) {
        unannounced += rows;
        if (unannounced >= runs.step()) {
            unannounced = 0;
            owed.release();
        }
    }

    /** Runs {@code work} on the index's connection, where the trail is attached as {@code trail}. */
    <T> T read(Database.Work<T> work) {
        return index.read(work);
    }

    /** The same, its statements seeing the runs and the trail as of one moment ({@link Database#snapshot}). */
    <T> T snapshot(Database.Work<T> work) {
        return index.snapshot(work);
    }

    /**
     * One step in its own transaction; true when it found work (there may be more). A failure is logged
     * and not passed on: the entries are durable whatever happens here, and queries stay exact (they
     * read the tail).
     */
    boolean maintain(boolean foldShortTail) {
        try {
            return index.transaction((d, transaction) -> {
                long started = System.nanoTime();
                boolean worked = runs.maintain(d, foldShortTail);
                lastStepNanos = System.nanoTime() - started;
                return worked;
            });
        } catch (Throwable e) {
            // Errors too: a keeper that died would leave the tail to grow for ever.
            LOG.warn("the audit trail's index by subject could not be brought up to date; will retry", e);
            return false;
        }
    }

    private void keep() {
        boolean foldShortTail = false;
        while (!closing) {
            if (maintain(foldShortTail)) {
                // Folding a short tail stops as soon as the trail moves: new entries will make a full step.
                foldShortTail &= trailStoodStill();
                // Rests as long as the step worked (not while it waited for the lock), a wait at most.
                if (!await(Math.min(lastStepNanos, TimeUnit.MILLISECONDS.toNanos(IDLE_MILLIS)))) {
                    return;
                }
                continue;
            }
            // After a failure too: retried a wait later, not in a tight loop.
            if (!await(TimeUnit.MILLISECONDS.toNanos(IDLE_MILLIS))) {
                return;
            }
            owed.drainPermits();
            foldShortTail = trailStoodStill();
        }
    }

    /** Whether the trail's last entry is the one seen at the previous look. */
    private boolean trailStoodStill() {
        long now = head();
        boolean still = now >= 0 && now == lastHead;
        lastHead = now;
        return still;
    }

    /** Waits up to {@code nanos} for entries owed or for close; false when interrupted. */
    private boolean await(long nanos) {
        try {
            owed.tryAcquire(nanos, TimeUnit.NANOSECONDS);
            return true;
        } catch (InterruptedException e) {
            LOG.warn("the audit index's keeper was interrupted; the index stays as it is until the next start");
            return false;
        }
    }

    /** The trail's last entry, or -1 when it cannot be read (the next look tries again). */
    private long head() {
        try {
            return index.read(AuditSubjectRuns::head);
        } catch (Throwable e) {
            // Errors too, as in maintain: the keeper must outlive a bad moment.
            return -1;
        }
    }

    /** Stops the keeper after the step under way, if any, and closes the index's file. */
    @Override
    public void close() {
        Thread keeper;
        synchronized (this) {
            closing = true;
            keeper = this.keeper;
        }
        owed.release();
        boolean interrupted = keeper != null && Uninterruptibly.await(keeper::join);
        index.close();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
