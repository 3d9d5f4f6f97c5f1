package org.credence.store.sqlite;

import java.nio.file.Path;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * runs and the trail together, and a statement that reads both sees each file as one committed state.
 * Whichever of the two it reads first, the answer is the trail as of its snapshot: a run names only
 * entries committed before it was written, and the tail is everything after the runs.
 *
 * <h2>Pacing</h2>
 *
 * <p>The audit writer announces what it commits ({@link #written}), and the keeper wakes once a step's
 * worth of entries has been announced, then steps until nothing is owed at full size (a whole step of
 * tail, a merge under way or due). Waking per commit instead cost a transaction per commit on the
 * keeper's side, at thousands of commits a second. It also looks once every {@link #IDLE_MILLIS}, which
 * finds entries nobody announced (an import's, in this process or another); and once no commit has
 * been announced for that long it folds a shorter tail too, so that a quiet trail ends up indexed to its
 * last entry.
 */
final class AuditSubjectIndex implements AutoCloseable {

    /** How long no commit must be announced before the keeper folds a tail shorter than a step. */
    static final long IDLE_MILLIS = 1_000;
    private static final Logger LOG = LoggerFactory.getLogger(AuditSubjectIndex.class);

    private final Database index;
    private final AuditSubjectRuns runs;
    // At most one permit: "a step's worth of entries was committed since the keeper was last woken".
    private final Semaphore owed = new Semaphore(0);
    private final AtomicLong unannounced = new AtomicLong();
    private volatile long lastWrittenNanos = System.nanoTime();
    private final Thread keeper;
    private volatile boolean closing;

    private AuditSubjectIndex(Database index, AuditSubjectRuns runs) {
        this.index = index;
        this.runs = runs;
        // A platform thread: it spends its time in native SQLite calls and syncs.
        this.keeper = Thread.ofPlatform().name("credence-audit-index").daemon().start(this::keep);
    }

    /** Opens the index beside the trail in {@code dataDir}, whose {@code credence.db} must exist. */
    static AuditSubjectIndex open(Path dataDir) {
        return open(dataDir, new AuditSubjectRuns());
    }

    /** Like {@link #open(Path)}, with the runs' sizes given (tests use small ones). */
    static AuditSubjectIndex open(Path dataDir, AuditSubjectRuns runs) {
        Database index = Database.openIndex(dataDir);
        try {
            if (!index.transaction((d, transaction) -> runs.keepIfOwn(d))) {
                LOG.info("the audit index in {} was built from another trail; it is being rebuilt from this one",
                        dataDir.resolve(Database.INDEX_FILE_NAME));
            }
            return new AuditSubjectIndex(index, runs);
        } catch (RuntimeException e) {
            index.close();
            throw e;
        }
    }

    /** Tells the keeper that {@code entries} were committed; cheap, and never waits. */
    void written(int entries) {
        lastWrittenNanos = System.nanoTime();
        // Approximate under races, which only moves a wake-up by an entry or two.
        if (unannounced.addAndGet(entries) >= runs.step()) {
            unannounced.set(0);
            if (owed.availablePermits() == 0) {
                owed.release();
            }
        }
    }

    /** Runs {@code work} on the index's connection, where the trail is attached as {@code trail}. */
    <T> T read(Database.Work<T> work) {
        return index.read(work);
    }

    /** What a step found. */
    private enum Step { WORKED, CAUGHT_UP, FAILED }

    /** One step of upkeep; true when it found work (there may be more). Tests drive the index with it. */
    boolean maintain(boolean idle) {
        return step(idle) == Step.WORKED;
    }

    private void keep() {
        boolean quiet = false;
        while (!closing) {
            Step step = step(quiet);
            if (step == Step.WORKED) {
                // Folding a short tail stops as soon as entries arrive again: those will make a full step.
                quiet &= quiet();
                continue;
            }
            try {
                // After a failure too: retried once a second, not in a tight loop.
                owed.tryAcquire(IDLE_MILLIS, TimeUnit.MILLISECONDS);
                quiet = quiet();
            } catch (InterruptedException e) {
                // No one but close should stop the keeper; the runs are consistent after every step.
                return;
            }
        }
    }

    private boolean quiet() {
        return System.nanoTime() - lastWrittenNanos >= TimeUnit.MILLISECONDS.toNanos(IDLE_MILLIS);
    }

    /**
     * One step in its own transaction. A failure is logged and not passed on: the entries are durable
     * whatever happens here, and queries stay exact (they read the tail).
     */
    private Step step(boolean idle) {
        try {
            return index.transaction((d, transaction) -> runs.maintain(d, idle)) ? Step.WORKED : Step.CAUGHT_UP;
        } catch (Throwable e) {
            // Errors too: a keeper that died would leave the tail to grow for ever.
            LOG.warn("the audit trail's index by subject could not be brought up to date; will retry", e);
            return Step.FAILED;
        }
    }

    /** Stops the keeper after the step under way, if any, and closes the index's file. */
    @Override
    public void close() {
        closing = true;
        owed.release();
        boolean interrupted = false;
        while (true) {
            try {
                keeper.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        index.close();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
