package org.credence.api;

import io.javalin.http.Context;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.credence.formats.Views;
import org.credence.state.CreditState;
import org.credence.state.SubjectIndex;
import org.credence.store.ApiKey;
import org.credence.store.AuditLog;
import org.credence.store.RightsStore;
import org.credence.subject.IdSchemes;

/**
 * What is held about one subject: its file with the whole explanation, its notices, and who looked
 * it up. Operators and auditors read any subject's; a subject key only its own. Every read is itself
 * audited, so it shows in the subject's access log.
 */
final class SubjectRoutes {

    private final CreditState state;
    private final RightsStore rights;
    private final IdSchemes ids;
    private final Clock clock;
    private final Audit audit;

    SubjectRoutes(CreditState state, RightsStore rights, IdSchemes ids, Clock clock, Audit audit) {
        this.state = state;
        this.rights = rights;
        this.ids = ids;
        this.clock = clock;
        this.audit = audit;
    }

    void file(Context ctx, ApiKey client) {
        String id = validId(ctx, ids);
        LocalDate asOf = asOf(ctx, clock);
        CreditState.Snapshot snapshot = state.snapshot();
        SubjectIndex.Entry entry = snapshot.index().subject(id).orElseThrow(() ->
                new ApiError(404, "unknown_subject", "no records are held about subject " + id));
        audit.record(client, "file.read", Optional.of(id), purpose(ctx, client), "as of " + asOf);
        Respond.json(ctx, 200, Views.file(id, entry.kind(), snapshot.index().name(id), snapshot.rulebook().standing(entry.history(), asOf)));
    }

    void notices(Context ctx, ApiKey client) {
        String id = validId(ctx, ids);
        List<RightsStore.Notice> notices = rights.notices(id);
        audit.record(client, "notices.read", Optional.of(id), purpose(ctx, client), notices.size() + " notices");
        Respond.json(ctx, 200, Map.of("subject", id, "notices", notices.stream().map(SubjectRoutes::notice).toList()));
    }

    void accessLog(Context ctx, ApiKey client) {
        String id = validId(ctx, ids);
        List<Map<String, Object>> lookups = audit.accessLog(id, AuditRoutes.MAX_ENTRIES).stream()
                .map(lookup -> {
                    AuditLog.AuditEvent e = lookup.event();
                    Map<String, Object> line = new LinkedHashMap<>();
                    line.put("at", e.at().toString());
                    line.put("who", Map.of("name", e.actor(), "role", e.role()));
                    line.put("action", e.action());
                    DecisionId.of(lookup).ifPresent(decision -> line.put("decision_id", decision));
                    line.put("purpose", e.purpose());
                    line.put("outcome", e.outcome());
                    return line;
                }).toList();
        audit.record(client, "access_log.read", Optional.of(id), purpose(ctx, client), lookups.size() + " lookups");
        Respond.json(ctx, 200, Map.of("subject", id, "lookups", lookups));
    }

    static Map<String, Object> notice(RightsStore.Notice n) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", n.id());
        view.put("at", n.at().toString());
        view.put("kind", n.kind().name().toLowerCase(java.util.Locale.ROOT));
        view.put("what", n.what());
        view.put("why", n.why());
        view.put("legal_basis", n.legalBasis());
        view.put("until", n.until().map(LocalDate::toString).orElse(null));
        view.put("how_to_contest", n.howToContest());
        return view;
    }

    /** Why the client is reading: given as {@code ?purpose=}, or what its role implies. */
    private static String purpose(Context ctx, ApiKey client) {
        String given = ctx.queryParam("purpose");
        if (given != null && !given.isBlank()) {
            return given.length() > DecisionRoutes.MAX_PURPOSE ? given.substring(0, DecisionRoutes.MAX_PURPOSE) : given;
        }
        return switch (client.role()) {
            case SUBJECT -> "subject access";
            case AUDITOR -> "audit";
            default -> "file review";
        };
    }

    static String validId(Context ctx, IdSchemes ids) {
        String id = ctx.pathParam("id");
        if (ids.kindOf(id).isEmpty()) {
            throw ApiError.badRequest("invalid_subject", "'" + id + "' is not a valid subject id: " + ids.whyInvalid(id));
        }
        return id;
    }

    static LocalDate asOf(Context ctx, Clock clock) {
        String text = ctx.queryParam("as_of");
        if (text == null) {
            return LocalDate.now(clock);
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw ApiError.badRequest("invalid_date", "as_of '" + text + "' is not a date YYYY-MM-DD");
        }
    }
}
