package org.credence.api;

import io.javalin.http.Context;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.credence.formats.Views;
import org.credence.scoring.Decision;
import org.credence.scoring.Rulebook;
import org.credence.state.CreditState;
import org.credence.store.ApiKey;
import org.credence.subject.IdSchemes;
import org.credence.tree.Fields;
import org.credence.tree.Problem;

/**
 * Partners asking "may this subject do this action?". The answer names the outcome, the measures that
 * produced it with their legal basis and until when they apply — never points, grade or records.
 */
final class DecisionRoutes {

    static final int MAX_PURPOSE = 256;

    private final CreditState state;
    private final IdSchemes ids;
    private final Clock clock;
    private final Metrics metrics;
    private final Audit audit;

    DecisionRoutes(CreditState state, IdSchemes ids, Clock clock, Metrics metrics, Audit audit) {
        this.state = state;
        this.ids = ids;
        this.clock = clock;
        this.metrics = metrics;
        this.audit = audit;
    }

    /** A decision request, read and checked. */
    private record Request(String subject, String action, String purpose) {
    }

    void decide(Context ctx, ApiKey client) {
        Request request = read(Bodies.json(ctx));
        if (ids.kindOf(request.subject()).isEmpty()) {
            throw ApiError.badRequest("invalid_subject", "subject '" + request.subject() + "' is not a valid id: "
                    + ids.whyInvalid(request.subject()));
        }
        CreditState.Snapshot snapshot = state.snapshot();
        Rulebook rulebook = snapshot.rulebook();
        Rulebook.ActionPolicy policy = rulebook.policy(request.action()).orElseThrow(() -> ApiError.badRequest(
                "unknown_action", "action '" + request.action() + "' is not in catalog " + rulebook.catalog().id()
                        + " v" + rulebook.catalog().version()));
        if (!client.covers(request.action())) {
            throw new ApiError(403, "out_of_scope", "this key may not ask about action '" + request.action() + "'");
        }
        LocalDate today = LocalDate.now(clock);
        Decision decision = rulebook.decide(snapshot.index().history(request.subject()), policy, today);
        metrics.decided(decision.outcome());
        // Answered only once the trail holds it: a partner never acts on a decision nobody can audit.
        var entry = audit.begin(client, "decision", Optional.of(request.subject()), request.purpose(),
                request.action() + ": " + decision.outcome().code()).join();
        Map<String, Object> body = Views.decision(decision, today);
        body.put("decision_id", "d-" + entry.seq());
        Respond.json(ctx, 200, body);
    }

    private static Request read(Object tree) {
        List<Problem> problems = new ArrayList<>();
        var fields = Fields.of(tree, "", problems);
        if (fields.isEmpty()) {
            throw ApiError.badRequest("invalid_request", "a decision request is a JSON object {subject, action, purpose}");
        }
        Fields f = fields.get();
        var subject = f.requiredText("subject");
        var action = f.requiredText("action");
        var purpose = f.requiredText("purpose");
        purpose.filter(p -> p.length() > MAX_PURPOSE).ifPresent(p -> f.problem("purpose", "longer than " + MAX_PURPOSE + " characters"));
        f.finish();
        if (!problems.isEmpty()) {
            throw new ApiError(400, "invalid_request", "the decision request was rejected: " + problems.getFirst(),
                    Respond.problems(problems));
        }
        return new Request(subject.orElseThrow(), action.orElseThrow(), purpose.orElseThrow());
    }
}
