package org.credence.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.credence.catalog.Catalog;
import org.credence.formats.Json;
import org.credence.formats.RecordFiles;
import org.credence.record.RecordBatch;
import org.credence.record.RecordReader;
import org.credence.record.RecordStream;
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

    /**
     * Imports {@code file} into an open node; shared with the demo. The file is stored as it is read, in
     * one transaction with an audit entry per block of records, so memory grows with the subjects it touches, not
     * with its length.
     */
    static int run(Node node, Path file, PrintWriter out, PrintWriter err) throws IOException {
        Catalog catalog = node.state.snapshot().rulebook().catalog();
        RecordReader reader = new RecordReader(catalog, node.ids, Json::canonical);
        RecordStore.AuditedBy audit = new RecordStore.AuditedBy(node.clock.instant(), Cli.actor(), Cli.ROLE,
                "record.submit", "import of " + file.getFileName(), RecordStore.CheckedUnder.of(catalog));
        RecordStore.ImportResult result;
        List<RecordBatch.LineProblem> problems;
        try (InputStream in = Files.newInputStream(file);
             RecordStream stream = RecordFiles.stream(in, RecordFiles.Format.ofFileName(file.toString()), reader,
                     node.today())) {
            result = node.state.importRecords(stream, node.clock.instant(), audit);
            problems = stream.problems();
        } catch (NoSuchFileException e) {
            throw new UserError("no such file: " + file);
        } catch (UncheckedIOException e) {
            throw new UserError(file + ": " + e.getMessage() + " (" + e.getCause().getMessage() + "); nothing was stored");
        }
        switch (result) {
            case RecordStore.CatalogChanged changed -> throw new UserError(file + ": checked under catalog "
                    + changed.checkedUnder() + ", but " + changed.active() + " became the active catalog before"
                    + " the records could be stored; nothing was stored: run the import again, and it is checked under "
                    + changed.active());
            case RecordStore.ImportRejected rejected -> {
                List<RecordBatch.LineProblem> all = new ArrayList<>(problems);
                rejected.conflicts().forEach(c -> all.add(problem(c)));
                all.sort(Comparator.comparingInt(RecordBatch.LineProblem::line));
                all.forEach(p -> err.println(file + ": " + p));
                throw new UserError(file + ": rejected, " + all.size() + " problem(s); nothing was stored");
            }
            case RecordStore.Imported imported -> out.println(file + ": " + imported.records() + " records, "
                    + imported.stored() + " stored, " + (imported.records() - imported.stored()) + " already present");
        }
        return 0;
    }

    private static RecordBatch.LineProblem problem(RecordStore.LineConflict conflict) {
        return RecordBatch.LineProblem.conflict(conflict.line(), conflict.existingLine().isPresent()
                ? "line " + conflict.existingLine().getAsInt() : "stored record " + conflict.existingId());
    }
}
