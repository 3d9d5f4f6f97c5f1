package org.credence.api;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.credence.scorecard.ApplicantScorer;
import org.credence.scorecard.ScoredApplicant;
import org.credence.scorecard.ScorecardException;
import org.credence.store.ApiKey;
import org.credence.subject.IdSchemes;
import org.credence.tree.Fields;
import org.credence.tree.Problem;

/**
 * The statistical credit score for a lender: {@code {"subject", "purpose", "applicant": {...}}} gives
 * the 350–950 score, the probability of a bad outcome and the reasons an adverse-action notice must
 * name. The scorecard never sees protected attributes, whatever the applicant form carries.
 */
final class ScoreRoutes {

    private final ApplicantScorer scorer;
    private final IdSchemes ids;
    private final Audit audit;

    ScoreRoutes(ApplicantScorer scorer, IdSchemes ids, Audit audit) {
        this.scorer = scorer;
        this.ids = ids;
        this.audit = audit;
    }

    void score(Context ctx, ApiKey client) {
        List<Problem> problems = new ArrayList<>();
        Fields f = Fields.of(Bodies.json(ctx), "", problems).orElseThrow(() ->
                ApiError.badRequest("invalid_request", "a JSON object {subject, purpose, applicant} is expected"));
        Optional<String> subject = f.requiredText("subject");
        Optional<String> purpose = f.requiredText("purpose");
        Object applicant = f.raw("applicant");
        if (!(applicant instanceof Map<?, ?>)) {
            f.problem("applicant", applicant == null ? "required" : "must be an object of attribute values");
        }
        f.finish();
        subject.filter(id -> ids.kindOf(id).isEmpty()).ifPresent(id -> problems.add(new Problem("subject",
                "not a valid subject id: " + ids.whyInvalid(id))));
        if (!problems.isEmpty()) {
            throw new ApiError(400, "invalid_request", "the request was rejected: " + problems.getFirst(), Respond.problems(problems));
        }
        Map<String, Object> values = new LinkedHashMap<>();
        ((Map<?, ?>) applicant).forEach((k, v) -> values.put(String.valueOf(k), v));
        ScoredApplicant scored;
        try {
            scored = scorer.score(values);
        } catch (ScorecardException e) {
            String[] where = e.getMessage().split(": ", 2);
            throw new ApiError(400, "invalid_applicant", e.getMessage(),
                    List.of(Map.of("field", where[0], "reason", where.length > 1 ? where[1] : e.getMessage())));
        }
        audit.record(client, "score", subject, purpose.orElseThrow(), "score " + scored.score());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("score", scored.score());
        body.put("probability_bad", scored.probabilityBad());
        body.put("reasons", scored.reasons());
        Respond.json(ctx, 200, body);
    }
}
