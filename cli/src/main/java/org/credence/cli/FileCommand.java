package org.credence.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;
import org.credence.formats.Json;
import org.credence.formats.Views;
import org.credence.scoring.AppliedMeasure;
import org.credence.scoring.Standing;
import org.credence.state.CreditState;
import org.credence.state.SubjectIndex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "file", mixinStandardHelpOptions = true,
        description = "Show a subject's file: points, grade, records, lists and measures, with reasons.")
final class FileCommand extends CliCommand {

    @Parameters(paramLabel = "ID")
    String id;

    @Option(names = "--data", required = true, paramLabel = "DIR")
    Path data;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Option(names = "--purpose", defaultValue = "file review", paramLabel = "TEXT",
            description = "Why the file is read; recorded in the audit trail and the subject's access log.")
    String purpose;

    @Mixin
    Dates dates;

    @Override
    public Integer call() {
        try (Node node = Node.open(data, clock)) {
            SubjectArgument.valid(node.ids, id);
            LocalDate asOf = dates.asOf(clock);
            CreditState.Snapshot snapshot = node.state.snapshot();
            SubjectIndex.Entry entry = snapshot.index().subject(id)
                    .orElseThrow(() -> new UserError("no records are held about subject " + id));
            Standing standing = snapshot.rulebook().standing(entry.history(), asOf);
            node.audit("file.read", Optional.of(id), purpose, "as of " + asOf);
            PrintWriter out = out();
            if (json) {
                out.println(Json.write(Views.file(id, entry.kind(), snapshot.index().name(id), standing)));
            } else {
                print(out, entry, snapshot.index().name(id), standing);
            }
            return 0;
        }
    }

    private void print(PrintWriter out, SubjectIndex.Entry entry, Optional<String> name, Standing s) {
        out.println("Subject " + id + " (" + entry.kind().code() + name.map(n -> ", " + n).orElse("") + ") as of " + s.asOf());
        out.println("Points " + s.points() + ", grade " + s.grade().code());
        out.println("Records:");
        for (Standing.RecordLine r : s.records()) {
            out.printf("  #%-8d %-40s %s %+5d  %-9s %s%n", r.recordId(), r.type(), r.occurredAt(), r.points(),
                    r.status().code(), r.expiresOn().map(d -> "expires " + d).orElse("never expires"));
        }
        out.println("Lists:" + (s.lists().isEmpty() ? " none" : ""));
        for (Standing.Membership m : s.lists()) {
            out.println("  " + m.list().code() + " (" + m.list().kind().name().toLowerCase(java.util.Locale.ROOT) + ")"
                    + m.since().map(d -> " since " + d).orElse("") + until(m.until()) + " - " + m.list().legalBasis());
        }
        out.println("Measures:" + (s.measures().isEmpty() ? " none" : ""));
        for (AppliedMeasure m : s.measures()) {
            out.println("  " + DecideCommand.line(m));
        }
    }

    static String until(Optional<LocalDate> until) {
        return until.map(d -> " until " + d).orElse(" with no end date");
    }
}
