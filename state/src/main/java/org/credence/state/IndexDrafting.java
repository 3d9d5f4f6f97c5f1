package org.credence.state;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.credence.record.StoredRecord;

/**
 * Where an import's new records go while its transaction stores them, and the index that holds them
 * once they are durable.
 *
 * <p>Why it is built this way. The index must not show a record before it is durable, and applying
 * them after the commit left the import's other core idle while the writing thread applied ten million
 * of them (a fifth of the import's time at that size). So a large import's records go to a
 * {@linkplain SubjectIndex#draft draft} of the index on a thread of its own, applying overlapping
 * storing, and the draft takes the live index's place only after the commit. A draft copies the
 * index's table, which takes about as long as applying a hundredth as many records as the table has
 * slots; so records are held until they fill more than one chunk and outnumber the index's subjects
 * divided by {@value #DRAFT_FROM_SHARE}, and only then is the draft made, given the records held first. An import
 * that never gets there, a request's batch say, is applied to the live index after the commit from
 * the records held, which are then never many.
 *
 * <p>Each subject the records changed is noted once, at its first record that counts, in the order
 * changed, for the notices of the lists it entered.
 */
final class IndexDrafting implements AutoCloseable {

    /** The draft is made once the records held are more than the index's subjects divided by this. */
    static final int DRAFT_FROM_SHARE = 128;
    /** Chunks queued for the draft's thread at most: enough to ride out a slow chunk, bounded in memory. */
    private static final int QUEUED = 4;
    /** Tells the draft's thread that no chunk follows; never a chunk itself, which is never empty. */
    private static final List<StoredRecord> END = new ArrayList<>(0);

    private final SubjectIndex live;
    private final List<String> touched = new ArrayList<>();
    private final List<List<StoredRecord>> held = new ArrayList<>();
    private long heldRecords;
    private long firstId;
    private SubjectIndex draft;
    private BlockingQueue<List<StoredRecord>> queue;
    private Thread thread;
    // Written by the draft's thread, read by the import's.
    private volatile Throwable failure;
    private volatile boolean reachedEnd;
    // Written by the import's thread, read by the draft's.
    private volatile boolean dropped;
    private boolean ended;

    IndexDrafting(SubjectIndex live) {
        this.live = live;
    }

    /**
     * The next chunk's new records, in id order, not yet durable. Throws once the draft has failed, so
     * that the import is rolled back rather than committed with an index that cannot follow it.
     */
    void accept(List<StoredRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        if (thread == null) {
            if (held.isEmpty()) {
                firstId = records.getFirst().id();
            }
            held.add(records);
            heldRecords += records.size();
            if (held.size() > 1 && heldRecords > live.subjects() / DRAFT_FROM_SHARE) {
                startDraft();
            }
            return;
        }
        put(records);
    }

    private void startDraft() {
        draft = live.draft();
        queue = new ArrayBlockingQueue<>(QUEUED);
        thread = Thread.ofPlatform().name("credence-index-draft").daemon().unstarted(this::applyQueued);
        thread.start();
        for (List<StoredRecord> records : held) {
            put(records);
        }
        held.clear();
    }

    /**
     * The index holding every record accepted, to be published now that they are durable: the draft,
     * once its thread has applied them all, or the live index with the held records applied.
     */
    SubjectIndex finish() {
        if (thread == null) {
            held.forEach(records -> apply(live, records));
            held.clear();
            return live;
        }
        end();
        if (failure != null || !reachedEnd) {
            throw new IllegalStateException("the index draft did not take every record", failure);
        }
        return draft;
    }

    /** The subjects the records changed, each once, in the order first changed; known after {@link #finish}. */
    List<String> touched() {
        return touched;
    }

    /** Drops the draft when the import did not finish: its thread stops, and the live index is as it was. */
    @Override
    public void close() {
        if (thread != null && !ended) {
            dropped = true;
            end();
        }
    }

    private void applyQueued() {
        try {
            for (List<StoredRecord> records = queue.take(); records != END; records = queue.take()) {
                if (failure == null && !dropped) {
                    try {
                        apply(draft, records);
                    } catch (Throwable e) {
                        // Kept for the import's thread; the queue is still drained to the end, so that
                        // the import is never held up by a thread that stopped taking.
                        failure = e;
                    }
                }
            }
            reachedEnd = true;
        } catch (InterruptedException e) {
            failure = e;
        }
    }

    private void apply(SubjectIndex index, List<StoredRecord> records) {
        for (StoredRecord record : records) {
            if (index.applyOfWrite(record, firstId)) {
                touched.add(record.submission().subject().id());
            }
        }
    }

    /** Queues a chunk for the draft's thread, waiting while the queue is full and the thread alive. */
    private void put(List<StoredRecord> records) {
        try {
            while (!queue.offer(records, 100, TimeUnit.MILLISECONDS)) {
                if (!thread.isAlive()) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while handing records to the index draft", e);
        }
        if (failure != null || !thread.isAlive()) {
            throw new IllegalStateException("the index draft failed, so the import is not kept", failure);
        }
    }

    /** Tells the draft's thread that nothing follows and waits for it, uninterruptibly. */
    private void end() {
        ended = true;
        boolean interrupted = false;
        boolean told = false;
        while (!told && thread.isAlive()) {
            try {
                told = queue.offer(END, 100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
