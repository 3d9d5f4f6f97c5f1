package org.credence.cli;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.credence.store.AuditLog;
import org.credence.store.sqlite.SqliteStore;

/** The command line as an actor in the audit trail. */
final class Cli {

    /** Role recorded for command-line actions: whoever runs the CLI on the data directory operates it. */
    static final String ROLE = "operator";

    private Cli() {
    }

    static String actor() {
        return "cli:" + System.getProperty("user.name", "unknown");
    }

    static CompletableFuture<AuditLog.AuditEntry> audit(SqliteStore store, Clock clock, String action,
                                                        Optional<String> subjectId, String purpose, String outcome) {
        return store.audit().append(entry(store, clock, action, subjectId, purpose, outcome));
    }

    /** The entry of a command's write, for the store to keep in the write's own transaction. */
    static AuditLog.AuditEvent entry(SqliteStore store, Clock clock, String action, Optional<String> subjectId,
                                     String purpose, String outcome) {
        return new AuditLog.AuditEvent(clock.instant(), actor(), ROLE, action,
                subjectId.map(store.vault()::subjectHash), purpose, outcome);
    }
}
