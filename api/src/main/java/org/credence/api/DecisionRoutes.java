package org.credence.api;

import io.javalin.http.Context;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.credence.formats.Views;
import org.credence.scoring.Decision;
import org.credence.scoring.Rulebook;
import org.credence.state.CreditState;
import org.credence.store.ApiKey;
import org.credence.store.AuditLog;
import org.credence.subject.IdSchemes;
import org.credence.tree.Fields;
import org.credence.tree.Problem;

/**
 * Partners asking "may this subject do this action?". The answer names the outcome, the measures that
 * produced it with their legal basis and until when they apply — never points, grade or records.
 */
final class DecisionRoutes {

    static final int MAX_PURPOSE = 256;
    /** Requests in one batch: enough to amortise a round trip and a sync, small enough to answer in milliseconds. */
    static final int MAX_BATCH = 1_000;

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

    /**
     * The answer to one decision request, {@code tree} its body, once its audit entry is durable. Served
     * by {@link DecisionHandler} rather than through Javalin, as the route partners call on every sale.
     */
    Map<String, Object> decide(Object tree, ApiKey client) {
        Request request = read(tree);
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
        Decision decision = snapshot.index().decide(request.subject(), policy, (int) today.toEpochDay());
        metrics.decided(decision.outcome());
        // Answered only once the trail holds it: a partner never acts on a decision nobody can audit.
        var entry = audit.begin(client, DecisionId.ACTION, Optional.of(request.subject()), request.purpose(),
                request.action() + ": " + decision.outcome().code()).join();
        Map<String, Object> body = Views.decision(decision, today);
        body.put("decision_id", DecisionId.of(entry.seq()));
        return body;
    }

    /** One entry of a batch, read and checked against the catalog and the client's scope. */
    private record Asked(String subject, Rulebook.ActionPolicy policy) {
    }

    /**
     * Up to {@link #MAX_BATCH} decisions under one purpose. Every entry is checked before any is
     * decided, so a batch is answered whole or refused whole. The batch is one audit entry whose items
     * are its decisions, in order, durable before the answer leaves; decision {@code i} (from 1) of
     * entry {@code n} is {@code d-n.i}.
     */
    void batch(Context ctx, ApiKey client) {
        Object tree = Bodies.json(ctx, Bodies.BATCH);
        CreditState.Snapshot snapshot = state.snapshot();
        Rulebook rulebook = snapshot.rulebook();
        List<Problem> problems = new ArrayList<>();
        var fields = Fields.of(tree, "", problems);
        if (fields.isEmpty()) {
            throw ApiError.badRequest("invalid_request", "a batch is a JSON object {purpose, requests: [{subject, action}]}");
        }
        Fields f = fields.get();
        var purpose = f.requiredText("purpose");
        purpose.filter(p -> p.length() > MAX_PURPOSE).ifPresent(p -> f.problem("purpose", "longer than " + MAX_PURPOSE + " characters"));
        if (!f.has("requests")) {
            f.problem("requests", "required");
        }
        List<Object> entries = f.list("requests");
        if (f.has("requests") && entries.isEmpty()) {
            f.problem("requests", "must hold at least one request");
        }
        if (entries.size() > MAX_BATCH) {
            f.problem("requests", "holds " + entries.size() + " requests; at most " + MAX_BATCH + " are allowed");
        }
        f.finish();
        List<Asked> asked = new ArrayList<>(entries.size());
        // A batch asks about few actions many times; the scope is checked once for each.
        Map<Rulebook.ActionPolicy, Boolean> covered = new IdentityHashMap<>();
        String outOfScope = null;
        for (int i = 0; i < entries.size() && problems.size() < 100; i++) {
            String at = "requests[" + i + "]";
            var entry = Fields.of(entries.get(i), at, problems);
            if (entry.isEmpty()) {
                continue;
            }
            Fields e = entry.get();
            var subject = e.requiredText("subject");
            var action = e.requiredText("action");
            e.finish();
            subject.filter(s -> ids.kindOf(s).isEmpty())
                    .ifPresent(s -> e.problem("subject", "'" + s + "' is not a valid id: " + ids.whyInvalid(s)));
            var policy = action.flatMap(rulebook::policy);
            if (action.isPresent() && policy.isEmpty()) {
                e.problem("action", "'" + action.get() + "' is not in catalog " + rulebook.catalog().id() + " v"
                        + rulebook.catalog().version());
            }
            if (policy.isPresent() && !covered.computeIfAbsent(policy.get(), p -> client.covers(p.action()))
                    && outOfScope == null) {
                outOfScope = at + ".action: this key may not ask about action '" + action.get() + "'";
            }
            if (subject.isPresent() && policy.isPresent()) {
                asked.add(new Asked(subject.get(), policy.get()));
            }
        }
        if (!problems.isEmpty()) {
            throw new ApiError(400, "invalid_request", "the decision batch was rejected: " + problems.getFirst()
                    + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : ""), Respond.problems(problems));
        }
        if (outOfScope != null) {
            throw new ApiError(403, "out_of_scope", outOfScope);
        }
        LocalDate today = LocalDate.now(clock);
        int day = (int) today.toEpochDay();
        Decision[] decisions = new Decision[asked.size()];
        long[] outcomes = new long[Decision.Outcome.values().length];
        for (int i = 0; i < decisions.length; i++) {
            Asked a = asked.get(i);
            decisions[i] = snapshot.index().decide(a.subject(), a.policy(), day);
            outcomes[decisions[i].outcome().ordinal()]++;
        }
        for (Decision.Outcome outcome : Decision.Outcome.values()) {
            metrics.decided(outcome, outcomes[outcome.ordinal()]);
        }
        // Answered only once the trail holds every decision of the batch: one entry, its items the decisions.
        AuditLog.AuditEntry trail = audit.recordMany(client, DecisionId.ACTION, purpose.orElseThrow(), summary(outcomes),
                decisions.length, i -> asked.get(i).subject(), i -> asked.get(i).policy().action() + ": "
                        + decisions[i].outcome().code());
        List<Map<String, Object>> answers = new ArrayList<>(decisions.length);
        for (int i = 0; i < decisions.length; i++) {
            Map<String, Object> body = Views.decision(decisions[i], today);
            body.put("decision_id", DecisionId.of(trail.seq(), i + 1));
            answers.add(body);
        }
        Respond.jsonNow(ctx, 200, Map.of("decisions", answers));
    }

    /** A batch entry's outcome: how many decisions, and how many came out each way ("3 decisions: 2 allow, 1 deny"). */
    private static String summary(long[] outcomes) {
        StringBuilder summary = new StringBuilder();
        long total = 0;
        for (Decision.Outcome outcome : Decision.Outcome.values()) {
            long n = outcomes[outcome.ordinal()];
            if (n > 0) {
                summary.append(total == 0 ? ": " : ", ").append(n).append(' ').append(outcome.code());
                total += n;
            }
        }
        return total + (total == 1 ? " decision" : " decisions") + summary;
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
