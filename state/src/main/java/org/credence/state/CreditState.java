package org.credence.state;

import java.time.Instant;
import java.util.List;
import org.credence.catalog.Catalog;
import org.credence.record.RecordSubmission;
import org.credence.scoring.Rulebook;
import org.credence.store.RecordStore;

/**
 * The active catalog's rulebook together with the index built under it, kept in step with the
 * store. Writes go to the store first and reach the index only once durable, so the index never
 * shows a record that a crash could lose. Readers take one volatile {@link Snapshot}, so a catalog
 * switch is seen whole: never a new rulebook over an index built for the old one.
 */
public final class CreditState {

    private final RecordStore store;
    private volatile Snapshot snapshot;

    /** A rulebook and the index built under it. */
    public record Snapshot(Rulebook rulebook, SubjectIndex index) {
    }

    private CreditState(RecordStore store, Snapshot snapshot) {
        this.store = store;
        this.snapshot = snapshot;
    }

    /** Builds the index from every stored record under {@code catalog}. */
    public static CreditState load(RecordStore store, Catalog catalog) {
        return new CreditState(store, build(store, catalog));
    }

    private static Snapshot build(RecordStore store, Catalog catalog) {
        SubjectIndex index = new SubjectIndex(Rulebook.compile(catalog));
        store.forEach(index::apply);
        return new Snapshot(index.rulebook(), index);
    }

    public Snapshot snapshot() {
        return snapshot;
    }

    /** Makes {@code catalog} the one in force, rebuilding the index under it. */
    public synchronized void activate(Catalog catalog) {
        snapshot = build(store, catalog);
    }

    /**
     * Stores {@code records} (all or none) and, once durable, applies the newly stored ones to the
     * index.
     */
    public synchronized RecordStore.AppendResult submit(List<RecordSubmission> records, Instant now) {
        RecordStore.AppendResult result = store.append(records, now);
        if (result instanceof RecordStore.Appended appended) {
            SubjectIndex index = snapshot.index();
            for (RecordStore.Outcome outcome : appended.outcomes()) {
                if (outcome instanceof RecordStore.Stored stored) {
                    index.apply(stored.record());
                }
            }
        }
        return result;
    }
}
