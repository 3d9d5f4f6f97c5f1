package org.credence.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.credence.store.AuditLog;
import org.credence.store.RecordStore;
import org.credence.store.sqlite.SqliteStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Walk the audit trail's hash chain, then check every block of records against the digest "
                + "its entry carries: exit 0 with the counts and the last hash when intact, 1 naming the first "
                + "entry or records changed, removed or moved.")
final class VerifyCommand extends CliCommand {

    @Option(names = "--data", required = true, paramLabel = "DIR")
    Path data;

    @Override
    public Integer call() {
        // Opening would create an empty store, and an empty trail verifies: a mistyped path must not
        // read as "intact".
        if (!Files.isRegularFile(data.resolve("credence.db"))) {
            throw new UserError("no data directory at " + data);
        }
        try (SqliteStore store = SqliteStore.open(data)) {
            switch (store.audit().verify()) {
                case AuditLog.Intact intact -> {
                    out().println("audit trail intact: " + intact.entries() + " entries");
                    // Chaining cannot show entries cut off the end; comparing this with a head noted
                    // earlier can.
                    out().println("head: " + intact.head());
                }
                case AuditLog.Broken broken -> {
                    out().println("audit trail broken at entry " + broken.seq() + ": " + broken.reason());
                    return 1;
                }
            }
            // The records are proved by their entries, so only once the chain is.
            return switch (store.verifyRecords()) {
                case RecordStore.RecordsIntact intact -> {
                    out().println("records intact: " + intact.records() + " records in " + intact.blocks()
                            + " blocks, each matching its audit entry");
                    yield 0;
                }
                case RecordStore.RecordsBroken broken -> {
                    out().println("records broken at " + broken.where() + ": " + broken.reason());
                    yield 1;
                }
            };
        }
    }
}
