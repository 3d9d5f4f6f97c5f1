package org.credence.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The append-only, hash-chained record of every write, every file read and every decision. Each
 * entry carries the hash of the one before it and its own hash over a canonical encoding, so an
 * entry changed, removed or moved breaks the chain where it happened, and {@link #verify} says where.
 */
public interface AuditLog {

    /**
     * Appends an entry. The future completes once the entry is durable; entries arriving together are
     * committed together (group commit), so appending does not cap decision throughput. It fails
     * with a {@link StoreException} when the entry could not be committed (nothing of it was kept)
     * and with an {@link IllegalStateException} once the log is closed. Whoever must not answer before
     * the entry is durable waits for the future. An event that is not
     * {@linkplain AuditEvent#appendable appendable} is refused at once with an {@link IllegalArgumentException}.
     */
    CompletableFuture<AuditEntry> append(AuditEvent event);

    /**
     * Entries matching {@code query}, oldest first (entries of the same instant in chain order), at most
     * its limit: the oldest or the newest of them, as the query keeps.
     */
    List<AuditEntry> entries(Query query);

    /** Walks the whole chain from the first entry, without holding it all in memory. */
    Verification verify();

    /**
     * What happened: when, who (client name and role — never a key), what, about which subject (its
     * keyed hash), for what purpose, and with what outcome. An entry about many subjects at once (the
     * decisions of one batch request) names none as its subject and each in its {@code items}, with
     * what came of it; {@code outcome} then sums them up.
     */
    record AuditEvent(Instant at, String actor, String role, String action, Optional<String> subjectHash,
                      String purpose, String outcome, List<Item> items) {
        public AuditEvent {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(actor, "actor");
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(subjectHash, "subjectHash");
            Objects.requireNonNull(purpose, "purpose");
            Objects.requireNonNull(outcome, "outcome");
            items = placed(items);
            if (!items.isEmpty() && subjectHash.isPresent()) {
                throw new IllegalArgumentException("an entry about many subjects names each in its items, none as its subject");
            }
        }

        /** An entry about one subject, or none. */
        public AuditEvent(Instant at, String actor, String role, String action, Optional<String> subjectHash,
                          String purpose, String outcome) {
            this(at, actor, role, action, subjectHash, purpose, outcome, List.of());
        }

        /**
         * Whether it can be appended: its items numbered 1 to n, as the trail stores them (by their order),
         * so that the entry reads back as it was appended. An entry read for one subject shows that
         * subject's items alone, in their places in the whole, which are such only when they are its first.
         */
        public boolean appendable() {
            return items.isEmpty() || items.getLast().number() == items.size();
        }

        /** Items numbered in their order when none has a number yet; else as numbered, in increasing order. */
        private static List<Item> placed(List<Item> items) {
            if (items.stream().allMatch(item -> item.number() == 0)) {
                List<Item> placed = new ArrayList<>(items.size());
                for (Item item : items) {
                    placed.add(new Item(item.subjectHash(), item.outcome(), placed.size() + 1));
                }
                return List.copyOf(placed);
            }
            for (int i = 0; i < items.size(); i++) {
                if (items.get(i).number() <= (i == 0 ? 0 : items.get(i - 1).number())) {
                    throw new IllegalArgumentException("items are numbered from 1 in increasing order, or not at all");
                }
            }
            return List.copyOf(items);
        }
    }

    /**
     * One subject of an entry about many, by its keyed hash, and what came of it there. {@code number}
     * is its place among the entry's items, from 1 (the decision {@code d-SEQ.NUMBER} of a batch), kept
     * when an entry is read for one subject and shows that subject's items alone; 0 before an event
     * places it. The chain does not store it: an item's place in the entry is its number.
     */
    record Item(String subjectHash, String outcome, int number) {
        public Item {
            Objects.requireNonNull(subjectHash, "subjectHash");
            Objects.requireNonNull(outcome, "outcome");
            if (number < 0) {
                throw new IllegalArgumentException("an item's number is its place from 1, or 0, not " + number);
            }
        }

        /** An item placed by its event, in the order it is given there. */
        public Item(String subjectHash, String outcome) {
            this(subjectHash, outcome, 0);
        }
    }

    /** An event as chained: its position, the previous entry's hash and its own. */
    record AuditEntry(long seq, AuditEvent event, String previousHash, String hash) {

        /**
         * What the entry says of each subject, in its order: the entry itself when it has no items,
         * otherwise one event per item, about that item's subject and with its outcome. This is how a
         * subject's access log reads a batch: as the lookups of that subject it holds.
         */
        public List<SubjectEvent> perSubject() {
            AuditEvent e = event;
            if (e.items().isEmpty()) {
                return List.of(new SubjectEvent(seq, 0, e));
            }
            return e.items().stream().map(item -> new SubjectEvent(seq, item.number(), new AuditEvent(e.at(), e.actor(),
                    e.role(), e.action(), Optional.of(item.subjectHash()), e.purpose(), item.outcome()))).toList();
        }
    }

    /**
     * What an entry says of one subject: the entry's own event ({@code item} 0), or its item of that
     * number as an event about the item's subject with the item's outcome.
     */
    record SubjectEvent(long seq, int item, AuditEvent event) {
    }

    /**
     * Filters, all optional: one subject's entries, entries at or after {@code from}, entries before
     * {@code to}, entries of the given {@code actions} (empty: of any action). {@code limit} (positive)
     * caps the answer, keeping the oldest or the newest of the entries that match ({@code keep}); either
     * way they are listed oldest first. {@code storedRecords}, with a subject, are that subject's
     * records: the entries of the writes that stored them are its entries too, since the entry of a
     * write of many subjects' records names no single subject. With a subject, an entry about many
     * subjects comes with that subject's items only: the others are not the asker's to see. Its hash
     * still covers them all, and a query by time alone returns the entry whole.
     */
    record Query(Optional<String> subjectHash, Optional<Instant> from, Optional<Instant> to, int limit,
                 List<Long> storedRecords, Keep keep, Set<String> actions) {
        public Query {
            Objects.requireNonNull(subjectHash, "subjectHash");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(keep, "keep");
            if (limit <= 0) {
                throw new IllegalArgumentException("limit must be positive, not " + limit);
            }
            storedRecords = List.copyOf(storedRecords);
            actions = Set.copyOf(actions);
            if (!storedRecords.isEmpty() && subjectHash.isEmpty()) {
                throw new IllegalArgumentException("stored records belong to a subject, and the query names none");
            }
        }

        public Query(Optional<String> subjectHash, Optional<Instant> from, Optional<Instant> to, int limit,
                     List<Long> storedRecords, Keep keep) {
            this(subjectHash, from, to, limit, storedRecords, keep, Set.of());
        }

        public Query(Optional<String> subjectHash, Optional<Instant> from, Optional<Instant> to, int limit,
                     List<Long> storedRecords) {
            this(subjectHash, from, to, limit, storedRecords, Keep.OLDEST);
        }

        public Query(Optional<String> subjectHash, Optional<Instant> from, Optional<Instant> to, int limit) {
            this(subjectHash, from, to, limit, List.of());
        }

        /**
         * This query with its limit keeping the newest entries: what a subject reading who looked them up
         * wants to see, where the oldest would stop showing anything new once the limit is reached.
         */
        public Query newest() {
            return new Query(subjectHash, from, to, limit, storedRecords, Keep.NEWEST, actions);
        }

        /**
         * This query for entries of {@code actions} only, counted as such against the limit: a subject's
         * lookups, say, among the entries of its own reads of its log, which are the newest of a subject
         * who reads it often and would otherwise take the whole limit.
         */
        public Query only(Set<String> actions) {
            return new Query(subjectHash, from, to, limit, storedRecords, keep, actions);
        }

        /** Whether an entry of {@code action} is of this query's actions. */
        public boolean admits(String action) {
            return actions.isEmpty() || actions.contains(action);
        }
    }

    /** Which of the entries that match a {@link Query} its limit keeps. */
    enum Keep {
        OLDEST, NEWEST
    }

    sealed interface Verification permits Intact, Broken {
    }

    /**
     * Every entry checked. {@code head} is the last entry's hash (64 zeros when there is none): a chain
     * proves nothing about entries cut off its end, so an auditor notes or publishes the head, and a
     * later verification that no longer reaches it shows the log was truncated.
     */
    record Intact(long entries, String head) implements Verification {
    }

    /** The first entry at which the chain does not hold, and why. */
    record Broken(long seq, String reason) implements Verification {
    }
}
