package org.credence.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.credence.store.AuditLog;
import org.credence.store.sqlite.SqliteStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Walk the audit trail's hash chain: exit 0 with the number of entries and the last hash "
                + "when intact, 1 naming the first entry that was changed, removed or moved.")
final class VerifyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

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
            return switch (store.audit().verify()) {
                case AuditLog.Intact intact -> {
                    spec.commandLine().getOut().println("audit trail intact: " + intact.entries() + " entries");
                    // Chaining cannot show entries cut off the end; comparing this with a head noted
                    // earlier can.
                    spec.commandLine().getOut().println("head: " + intact.head());
                    yield 0;
                }
                case AuditLog.Broken broken -> {
                    spec.commandLine().getOut().println(
                            "audit trail broken at entry " + broken.seq() + ": " + broken.reason());
                    yield 1;
                }
            };
        }
    }
}
