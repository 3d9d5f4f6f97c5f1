package org.credence.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.credence.store.AuditLog;
import org.credence.formats.Json;
import org.credence.formats.RecordFiles;
import org.credence.record.RecordBatch;
import org.credence.record.RecordReader;
import org.credence.store.RecordStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Store a bulk file of records (NDJSON, or CSV by its .csv name), all or nothing: "
                + "exit 0 when stored, 1 when rejected, listing every bad line.")
final class ImportCommand extends CliCommand {

    @Parameters(paramLabel = "FILE")
    Path file;

    @Option(names = "--data", required = true, paramLabel = "DIR")
    Path data;

    @Mixin
    Dates dates;

    @Override
    public Integer call() throws IOException {
        try (Node node = Node.open(data, dates.clock(clock))) {
            return run(node, file, out(), err());
        }
    }

    /** Imports {@code file} into an open node; shared with the demo. */
    static int run(Node node, Path file, PrintWriter out, PrintWriter err) throws IOException {
        RecordReader reader = new RecordReader(node.state.snapshot().rulebook().catalog(), node.ids, Json::canonical);
        RecordBatch batch;
        try (InputStream in = Files.newInputStream(file)) {
            batch = RecordFiles.read(in, RecordFiles.Format.ofFileName(file.toString()), reader, node.today());
        } catch (NoSuchFileException e) {
            throw new UserError("no such file: " + file);
        }
        if (!batch.accepted()) {
            batch.problems().forEach(p -> err.println(file + ": " + p));
            throw new UserError(file + ": rejected, " + batch.problems().size() + " problem(s); nothing was stored");
        }
        switch (node.state.submit(batch.records(), node.clock.instant())) {
            case RecordStore.Conflicted conflicted -> {
                for (RecordStore.Conflict c : conflicted.conflicts()) {
                    var mine = batch.records().get(c.index());
                    err.println(file + ": source " + mine.source() + " source_ref " + mine.sourceRef()
                            + ": conflicts with stored record " + c.existing().id());
                }
                throw new UserError(file + ": rejected, " + conflicted.conflicts().size()
                        + " conflict(s) with stored records; nothing was stored");
            }
            case RecordStore.Appended appended -> {
                // One run of entries, one per record, committed in one transaction; one instant for
                // the run, since its entries record one operation.
                Instant audited = node.clock.instant();
                String actor = Cli.actor();
                String purpose = "import of " + file.getFileName();
                // Built on all cores: each needs the keyed hash of its subject (an HMAC per record).
                List<AuditLog.AuditEvent> events = appended.outcomes().parallelStream()
                        .map(outcome -> new AuditLog.AuditEvent(audited, actor, Cli.ROLE, "record.submit",
                                Optional.of(node.store.vault().subjectHash(outcome.record().submission().subject().id())),
                                purpose, outcome.describe()))
                        .toList();
                node.store.audit().appendAll(events).join();
                out.println(file + ": " + batch.records().size() + " records, "
                        + appended.storedCount() + " stored, " + (batch.records().size() - appended.storedCount())
                        + " already present");
            }
        }
        return 0;
    }
}
