package org.credence.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.credence.api.DecisionId;
import org.credence.formats.Json;
import org.credence.formats.Views;
import org.credence.scoring.AppliedMeasure;
import org.credence.scoring.Decision;
import org.credence.scoring.Rulebook;
import org.credence.state.CreditState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "decide", mixinStandardHelpOptions = true,
        description = "Decide whether a subject may do an action, with the measures and their legal basis.")
final class DecideCommand extends CliCommand {

    @Parameters(index = "0", paramLabel = "ID")
    String id;

    @Parameters(index = "1", paramLabel = "ACTION")
    String action;

    @Option(names = "--data", required = true, paramLabel = "DIR")
    Path data;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Option(names = "--purpose", defaultValue = "operator inquiry", paramLabel = "TEXT",
            description = "Why the decision is asked; recorded in the audit trail and the subject's access log.")
    String purpose;

    @Mixin
    Dates dates;

    @Override
    public Integer call() {
        try (Node node = Node.open(data, clock)) {
            SubjectArgument.valid(node.ids, id);
            CreditState.Snapshot snapshot = node.state.snapshot();
            Rulebook rulebook = snapshot.rulebook();
            Rulebook.ActionPolicy policy = rulebook.policy(action).orElseThrow(() -> new UserError("unknown action '" + action
                    + "' (catalog " + rulebook.catalog().id() + " v" + rulebook.catalog().version() + " has: "
                    + String.join(", ", rulebook.catalog().actions().stream().map(a -> a.code()).toList()) + ")"));
            LocalDate asOf = dates.asOf(clock);
            Decision decision = snapshot.index().decide(id, policy, (int) asOf.toEpochDay());
            // Named as the API names it, so that the subject finds it in its access log.
            String decisionId = DecisionId.of(node.audit(DecisionId.ACTION, Optional.of(id), purpose,
                    action + ": " + decision.outcome().code()).seq());
            PrintWriter out = out();
            if (json) {
                Map<String, Object> body = Views.decision(decision, asOf);
                body.put("decision_id", decisionId);
                out.println(Json.write(body));
            } else {
                out.println(decision.outcome().code() + ": " + action + " for " + id + " as of " + asOf + " (" + decisionId + ")");
                decision.measures().forEach(m -> out.println("  " + line(m)));
            }
            return 0;
        }
    }

    static String line(AppliedMeasure m) {
        return m.measure().code() + " on " + m.measure().action() + ": " + m.measure().effect().name().toLowerCase(Locale.ROOT)
                + FileCommand.until(m.until()) + " - " + m.measure().legalBasis();
    }
}
