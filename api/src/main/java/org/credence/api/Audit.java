package org.credence.api;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.credence.catalog.Catalog;
import org.credence.store.ApiKey;
import org.credence.store.AuditLog;
import org.credence.store.RecordStore;
import org.credence.store.RightsStore;
import org.credence.store.Vault;

/**
 * Writes the audit entry for what a client did, before the answer leaves: a request is answered only
 * once its entry is durable. A write's entry goes to the store with the write ({@link #entry},
 * {@link #writtenBy} and the rights' entries below), which keeps the two in one transaction; reads and
 * decisions append theirs here. Subjects appear in the trail by their keyed hash only. The API and the
 * web pages both audit through here, so a client's actions read alike whichever way it came.
 */
public final class Audit {

    /** The audited actions a subject's access log shows: lookups of the subject by others and itself. */
    private static final Set<String> LOOKUPS = Set.of("file.read", DecisionId.ACTION);

    private final AuditLog log;
    private final Vault vault;
    private final Clock clock;

    public Audit(AuditLog log, Vault vault, Clock clock) {
        this.log = log;
        this.vault = vault;
        this.clock = clock;
    }

    /**
     * A subject's access log, oldest first: its file reads and the decisions about it, each a lookup; a
     * batch's entry, which holds of this subject only its own items, gives one per item. At most the
     * newest {@code limit} entries of lookups are read, and only lookups count against the limit, so
     * that the subject's own reads of its log, which are audited too, cannot push out who looked it
     * up. The API and the subject's page both read the log here.
     */
    public List<AuditLog.SubjectEvent> accessLog(String subjectId, int limit) {
        AuditLog.Query lookups = new AuditLog.Query(Optional.of(hash(subjectId)), Optional.empty(), Optional.empty(), limit)
                .newest().only(LOOKUPS);
        return log.entries(lookups).stream().flatMap(e -> e.perSubject().stream()).toList();
    }

    /** Appends one entry and waits until it is durable. */
    public void record(ApiKey client, String action, Optional<String> subjectId, String purpose, String outcome) {
        begin(client, action, subjectId, purpose, outcome).join();
    }

    /** Appends one entry without waiting; callers join the futures before answering. */
    public CompletableFuture<AuditLog.AuditEntry> begin(ApiKey client, String action, Optional<String> subjectId, String purpose,
                                                 String outcome) {
        return log.append(event(clock.instant(), client, action, subjectId, purpose, outcome));
    }

    /**
     * The entry of a write, for a store that chains it in the write's own transaction, so that the
     * write and its entry are durable together; stamped now.
     */
    public AuditLog.AuditEvent entry(ApiKey client, String action, Optional<String> subjectId, String purpose,
                                     String outcome) {
        return event(clock.instant(), client, action, subjectId, purpose, outcome);
    }

    /**
     * Who is writing records, for a store that writes their entries in the records' own transaction:
     * one entry per block of records, under one instant; the records were checked under {@code catalog}.
     */
    public RecordStore.AuditedBy writtenBy(ApiKey client, String action, String purpose, Catalog catalog) {
        return new RecordStore.AuditedBy(clock.instant(), client.name(), client.role().code(), action, purpose,
                RecordStore.CheckedUnder.of(catalog));
    }

    /** The entry of a dispute opened by {@code client} on record {@code recordId} of {@code subjectId}. */
    public Function<RightsStore.Dispute, AuditLog.AuditEvent> disputeOpened(ApiKey client, String subjectId, long recordId) {
        return opened -> entry(client, "dispute.open", Optional.of(subjectId), "dispute of record " + recordId,
                "dispute " + opened.id() + " open until " + opened.deadline());
    }

    public Function<RightsStore.Dispute, AuditLog.AuditEvent> disputeResolved(ApiKey client, long disputeId,
                                                                         RightsStore.Dispute.Status outcome) {
        return resolved -> entry(client, "dispute.resolve", Optional.of(resolved.subjectId()),
                "resolution of dispute " + disputeId, outcome.name().toLowerCase(Locale.ROOT));
    }

    public Function<RightsStore.Repair, AuditLog.AuditEvent> repairRequested(ApiKey client, String subjectId, long recordId) {
        return requested -> entry(client, "repair.request", Optional.of(subjectId), "repair of record " + recordId,
                "repair " + requested.id() + " requested");
    }

    public Function<RightsStore.Repair, AuditLog.AuditEvent> repairDecided(ApiKey client, long repairId,
                                                                      RightsStore.Repair.Status outcome) {
        return decided -> entry(client, "repair.decide", Optional.of(decided.subjectId()), "decision on repair " + repairId,
                outcome.name().toLowerCase(Locale.ROOT));
    }

    /** Waits for every entry of a batch; group commit makes them durable together. */
    public static void await(List<CompletableFuture<AuditLog.AuditEntry>> pending) {
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
    }

    /**
     * Appends the one entry of a request about {@code count} subjects (the ith is {@code subjectId(i)},
     * and came out as {@code outcome(i)}), each an item of it in that order, and waits until it is durable.
     */
    public AuditLog.AuditEntry recordMany(ApiKey client, String action, String purpose, String outcome, int count,
                                          IntFunction<String> subjectId, IntFunction<String> outcomeOf) {
        List<AuditLog.Item> items = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            items.add(new AuditLog.Item(vault.subjectHash(subjectId.apply(i)), outcomeOf.apply(i), i + 1));
        }
        return log.append(new AuditLog.AuditEvent(clock.instant(), client.name(), client.role().code(), action,
                Optional.empty(), purpose, outcome, items)).join();
    }

    /** The client by name and role, never its key; the subject by its keyed hash, never its id. */
    private AuditLog.AuditEvent event(Instant at, ApiKey client, String action, Optional<String> subjectId,
                                      String purpose, String outcome) {
        return new AuditLog.AuditEvent(at, client.name(), client.role().code(), action,
                subjectId.map(vault::subjectHash), purpose, outcome);
    }

    public String hash(String subjectId) {
        return vault.subjectHash(subjectId);
    }

    public AuditLog log() {
        return log;
    }
}
