package org.credence.api;

import io.javalin.http.Context;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.credence.state.Refusal;
import org.credence.state.Rights;
import org.credence.store.ApiKey;
import org.credence.store.RightsStore;
import org.credence.store.RightsStore.Actor;
import org.credence.store.RightsStore.Dispute;
import org.credence.store.RightsStore.Repair;
import org.credence.subject.IdSchemes;
import org.credence.tree.Fields;
import org.credence.tree.Problem;

/** Disputes and credit repair: subjects (or operators for them) ask; operators decide. */
final class RightsRoutes {

    static final int MAX_TEXT = 4000;

    private final Rights rights;
    private final RightsStore store;
    private final IdSchemes ids;
    private final Clock clock;
    private final Audit audit;

    RightsRoutes(Rights rights, RightsStore store, IdSchemes ids, Clock clock, Audit audit) {
        this.rights = rights;
        this.store = store;
        this.ids = ids;
        this.clock = clock;
        this.audit = audit;
    }

    void openDispute(Context ctx, ApiKey client) {
        String subject = SubjectRoutes.validId(ctx, ids);
        Request request = read(ctx, "record_id", "reason");
        Dispute dispute = refusals(() -> rights.openDispute(subject, request.recordId(), request.text(), actor(client),
                audit.disputeOpened(client, subject, request.recordId())));
        Respond.json(ctx, 201, dispute(dispute));
    }

    void resolveDispute(Context ctx, ApiKey client) {
        long id = pathId(ctx);
        Outcome<Dispute.Status> outcome = outcome(ctx, List.of(Dispute.Status.UPHELD, Dispute.Status.REJECTED));
        Dispute dispute = refusals(() -> rights.resolveDispute(id, outcome.value(), outcome.note(), actor(client),
                audit.disputeResolved(client, id, outcome.value())));
        Respond.json(ctx, 200, dispute(dispute));
    }

    void disputes(Context ctx, ApiKey client) {
        Optional<Dispute.Status> status = status(ctx, Dispute.Status.class);
        List<Map<String, Object>> queue = store.disputes(status).stream().map(this::dispute).toList();
        Respond.json(ctx, 200, Map.of("disputes", queue));
    }

    void requestRepair(Context ctx, ApiKey client) {
        String subject = SubjectRoutes.validId(ctx, ids);
        Request request = read(ctx, "record_id", "evidence");
        Repair repair = refusals(() -> rights.requestRepair(subject, request.recordId(), request.text(), actor(client),
                audit.repairRequested(client, subject, request.recordId())));
        Respond.json(ctx, 201, repair(repair));
    }

    void decideRepair(Context ctx, ApiKey client) {
        long id = pathId(ctx);
        Outcome<Repair.Status> outcome = outcome(ctx, List.of(Repair.Status.APPROVED, Repair.Status.REFUSED));
        Repair repair = refusals(() -> rights.decideRepair(id, outcome.value(), outcome.note(), actor(client),
                audit.repairDecided(client, id, outcome.value())));
        Respond.json(ctx, 200, repair(repair));
    }

    void repairs(Context ctx, ApiKey client) {
        Optional<Repair.Status> status = status(ctx, Repair.Status.class);
        Respond.json(ctx, 200, Map.of("repairs", store.repairs(status).stream().map(RightsRoutes::repair).toList()));
    }

    private static <T> T refusals(java.util.function.Supplier<T> action) {
        try {
            return action.get();
        } catch (Refusal refusal) {
            throw switch (refusal.reason()) {
                case NOT_FOUND -> new ApiError(404, "not_found", refusal.getMessage());
                case CONFLICT -> new ApiError(409, "conflict", refusal.getMessage());
                case NOT_REPAIRABLE -> new ApiError(409, "not_repairable", refusal.getMessage());
            };
        }
    }

    private static Actor actor(ApiKey client) {
        return new Actor(client.name(), client.role().code());
    }

    private record Request(long recordId, String text) {
    }

    private record Outcome<S>(S value, String note) {
    }

    private static Request read(Context ctx, String idField, String textField) {
        List<Problem> problems = new ArrayList<>();
        Fields f = Fields.of(Bodies.json(ctx), "", problems).orElseThrow(() ->
                ApiError.badRequest("invalid_request", "a JSON object {" + idField + ", " + textField + "} is expected"));
        Optional<Long> recordId = f.whole(idField);
        if (!f.has(idField)) {
            f.problem(idField, "required");
        }
        Optional<String> text = bounded(f, textField);
        f.finish();
        reject(problems);
        return new Request(recordId.orElseThrow(), text.orElseThrow());
    }

    private static <S extends Enum<S>> Outcome<S> outcome(Context ctx, List<S> allowed) {
        List<Problem> problems = new ArrayList<>();
        Fields f = Fields.of(Bodies.json(ctx), "", problems).orElseThrow(() ->
                ApiError.badRequest("invalid_request", "a JSON object {outcome, note} is expected"));
        Optional<S> value = f.requiredText("outcome").flatMap(text -> {
            for (S s : allowed) {
                if (s.name().toLowerCase(Locale.ROOT).equals(text)) {
                    return Optional.of(s);
                }
            }
            f.problem("outcome", "must be " + names(allowed) + ", not '" + text + "'");
            return Optional.empty();
        });
        Optional<String> note = bounded(f, "note");
        f.finish();
        reject(problems);
        return new Outcome<>(value.orElseThrow(), note.orElseThrow());
    }

    private static <S extends Enum<S>> String names(List<S> values) {
        List<String> names = new ArrayList<>();
        for (S s : values) {
            names.add(s.name().toLowerCase(Locale.ROOT));
        }
        return String.join(" or ", names);
    }

    private static Optional<String> bounded(Fields f, String key) {
        Optional<String> text = f.requiredText(key);
        if (text.isPresent() && text.get().length() > MAX_TEXT) {
            f.problem(key, "longer than " + MAX_TEXT + " characters");
            return Optional.empty();
        }
        return text;
    }

    private static void reject(List<Problem> problems) {
        if (!problems.isEmpty()) {
            throw new ApiError(400, "invalid_request", "the request was rejected: " + problems.getFirst(),
                    Respond.problems(problems));
        }
    }

    private static long pathId(Context ctx) {
        try {
            return Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("invalid_id", "'" + ctx.pathParam("id") + "' is not a number");
        }
    }

    private static <S extends Enum<S>> Optional<S> status(Context ctx, Class<S> type) {
        String text = ctx.queryParam("status");
        if (text == null) {
            return Optional.empty();
        }
        for (S s : type.getEnumConstants()) {
            if (s.name().toLowerCase(Locale.ROOT).equals(text)) {
                return Optional.of(s);
            }
        }
        throw ApiError.badRequest("invalid_status", "status must be one of "
                + names(List.of(type.getEnumConstants())) + ", not '" + text + "'");
    }

    private Map<String, Object> dispute(Dispute d) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", d.id());
        view.put("record_id", d.recordId());
        view.put("subject", d.subjectId());
        view.put("reason", d.reason());
        view.put("opened_by", actor(d.openedBy()));
        view.put("opened_at", d.openedAt().toString());
        view.put("deadline", d.deadline().toString());
        view.put("status", d.status().name().toLowerCase(Locale.ROOT));
        // Past the deadline an open dispute suspends its record: the queue says which ones have.
        view.put("overdue", d.status() == Dispute.Status.OPEN && !LocalDate.now(clock).isBefore(d.deadline()));
        view.put("resolution", d.resolution().map(RightsRoutes::resolution).orElse(null));
        return view;
    }

    private static Map<String, Object> repair(Repair r) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", r.id());
        view.put("record_id", r.recordId());
        view.put("subject", r.subjectId());
        view.put("evidence", r.evidence());
        view.put("requested_by", actor(r.requestedBy()));
        view.put("requested_at", r.requestedAt().toString());
        view.put("status", r.status().name().toLowerCase(Locale.ROOT));
        view.put("decision", r.decision().map(RightsRoutes::resolution).orElse(null));
        return view;
    }

    private static Map<String, Object> actor(Actor a) {
        return Map.of("name", a.name(), "role", a.role());
    }

    private static Map<String, Object> resolution(RightsStore.Resolution r) {
        return Map.of("by", actor(r.by()), "at", r.at().toString(), "note", r.note());
    }
}
