package org.credence.api;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.credence.store.ApiKey;
import org.credence.store.AuditLog;
import org.credence.store.Vault;

/**
 * Writes the audit entry for what a client did, before the answer leaves: a request is answered only
 * once its entry is durable. Subjects appear in the trail by their keyed hash only. The API and the
 * web pages both audit through here, so a client's actions read alike whichever way it came.
 */
public final class Audit {

    private final AuditLog log;
    private final Vault vault;
    private final Clock clock;

    public Audit(AuditLog log, Vault vault, Clock clock) {
        this.log = log;
        this.vault = vault;
        this.clock = clock;
    }

    /** Appends one entry and waits until it is durable. */
    public void record(ApiKey client, String action, Optional<String> subjectId, String purpose, String outcome) {
        begin(client, action, subjectId, purpose, outcome).join();
    }

    /** Appends one entry without waiting; callers join the futures before answering. */
    public CompletableFuture<AuditLog.AuditEntry> begin(ApiKey client, String action, Optional<String> subjectId, String purpose,
                                                 String outcome) {
        return log.append(new AuditLog.AuditEvent(clock.instant(), client.name(), client.role().code(), action,
                subjectId.map(vault::subjectHash), purpose, outcome));
    }

    /** Waits for every entry of a batch; group commit makes them durable together. */
    public static void await(List<CompletableFuture<AuditLog.AuditEntry>> pending) {
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
    }

    public static List<CompletableFuture<AuditLog.AuditEntry>> batch() {
        return new ArrayList<>();
    }

    public String hash(String subjectId) {
        return vault.subjectHash(subjectId);
    }

    public AuditLog log() {
        return log;
    }
}
