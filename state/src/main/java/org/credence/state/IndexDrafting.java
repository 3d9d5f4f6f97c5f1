package org.credence.state;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.credence.record.StoredRecord;

/**
 * Where an import's new records go while its transaction stores them, and the index that holds them
 * once they are durable.
 *
 * <p>Why it is built this way. The index must not show a record before it is durable, and applying
 * them after the commit left the import's other core idle while the writing thread applied ten million
 * of them (a fifth of the import's time at that size). A stream of one chunk, a request's batch, is
 * held as it is and applied to the live index after the commit, as before. From the second chunk on,
 * the records go to a {@linkplain SubjectIndex#draft draft} of the index on a thread of its own, so
 * that applying overlaps storing; the draft takes the live index's place only after the commit. A
 * draft copies the table, which a stream long enough to have a second chunk amortises and a request's
 * batch would not.
 *
 * <p>Each subject the write touched is noted once, at its first record of the write, in the order
 * touched, for the notices of the lists it entered.
 */
final class IndexDrafting implements AutoCloseable {

    /** Chunks queued for the draft's thread at most: enough to ride out a slow chunk, bounded in memory. */
    private static final int QUEUED = 4;
    /** Tells the draft's thread that no chunk follows. */
    private static final List<StoredRecord> END = List.of();

    private final SubjectIndex live;
    private final List<String> touched = new ArrayList<>();
    private List<StoredRecord> held = List.of();
    private long firstId;
    private SubjectIndex draft;
    private BlockingQueue<List<StoredRecord>> queue;
    private Thread thread;
    private volatile RuntimeException failure;
    private boolean ended;

    IndexDrafting(SubjectIndex live) {
        this.live = live;
    }

    /** The next chunk's new records, in id order, not yet durable. */
    void accept(List<StoredRecord> records) {
        if (held.isEmpty() && draft == null) {
            held = records;
            firstId = records.getFirst().id();
            return;
        }
        if (draft == null) {
            draft = live.draft();
            queue = new ArrayBlockingQueue<>(QUEUED);
            thread = Thread.ofPlatform().name("credence-index-draft").daemon().start(this::applyQueued);
            put(held);
            held = List.of();
        }
        put(records);
    }

    /**
     * The index holding every record accepted, to be published now that they are durable: the draft,
     * once its thread has applied them all, or the live index with the held chunk applied.
     */
    SubjectIndex finish() {
        if (draft == null) {
            apply(live, held);
            return live;
        }
        end();
        if (failure != null) {
            throw failure;
        }
        return draft;
    }

    /** The subjects the records touched, each once, in the order first touched; known after {@link #finish}. */
    List<String> touched() {
        return touched;
    }

    /** Drops the draft when the import did not finish: its thread stops, and the live index is as it was. */
    @Override
    public void close() {
        if (draft != null) {
            end();
        }
    }

    private void applyQueued() {
        try {
            for (List<StoredRecord> records = queue.take(); records != END; records = queue.take()) {
                if (failure == null) {
                    try {
                        apply(draft, records);
                    } catch (RuntimeException e) {
                        // Kept for finish; the queue is still drained, so the import is never held up.
                        failure = e;
                    }
                }
            }
        } catch (InterruptedException e) {
            failure = new IllegalStateException("the index draft was interrupted", e);
        }
    }

    private void apply(SubjectIndex index, List<StoredRecord> records) {
        for (StoredRecord record : records) {
            if (index.applyOfWrite(record, firstId)) {
                touched.add(record.submission().subject().id());
            }
        }
    }

    private void put(List<StoredRecord> records) {
        try {
            queue.put(records);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while handing records to the index draft", e);
        }
    }

    private void end() {
        if (ended) {
            return;
        }
        ended = true;
        boolean interrupted = false;
        boolean told = false;
        while (!told) {
            try {
                queue.put(END);
                told = true;
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
