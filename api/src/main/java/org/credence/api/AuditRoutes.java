package org.credence.api;

import io.javalin.http.Context;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.LongStream;
import org.credence.state.CreditState;
import org.credence.store.ApiKey;
import org.credence.store.AuditLog;
import org.credence.subject.IdSchemes;

/** The audit trail, for auditors: filtered by subject and time, read-only. */
final class AuditRoutes {

    static final int MAX_ENTRIES = 10_000;

    private final Audit audit;
    private final CreditState state;
    private final IdSchemes ids;

    AuditRoutes(Audit audit, CreditState state, IdSchemes ids) {
        this.audit = audit;
        this.state = state;
        this.ids = ids;
    }

    void entries(Context ctx, ApiKey client) {
        Optional<String> subject = Optional.ofNullable(ctx.queryParam("subject"));
        subject.filter(id -> ids.kindOf(id).isEmpty()).ifPresent(id -> {
            throw ApiError.badRequest("invalid_subject", "'" + id + "' is not a valid subject id: " + ids.whyInvalid(id));
        });
        Optional<Instant> from = instant(ctx, "from", false);
        Optional<Instant> to = instant(ctx, "to", true);
        int limit = Math.min(MAX_ENTRIES, ctx.queryParam("limit") == null ? 1000 : limit(ctx.queryParam("limit")));
        List<AuditLog.AuditEntry> entries = audit.log().entries(new AuditLog.Query(subject.map(audit::hash), from, to,
                limit, subject.map(this::records).orElse(List.of()), keep(ctx)));
        audit.record(client, "audit.read", subject, "audit", entries.size() + " entries");
        Respond.json(ctx, 200, Map.of("entries", entries.stream().map(AuditRoutes::entry).toList()));
    }

    /** Which end of the matching entries the limit keeps: {@code ?keep=oldest} (the default) or {@code newest}. */
    private static AuditLog.Keep keep(Context ctx) {
        String keep = ctx.queryParam("keep");
        if (keep == null || keep.equals("oldest")) {
            return AuditLog.Keep.OLDEST;
        }
        if (keep.equals("newest")) {
            return AuditLog.Keep.NEWEST;
        }
        throw ApiError.badRequest("invalid_keep", "keep must be 'oldest' or 'newest', not '" + keep + "'");
    }

    /** The subject's records, as the hot index holds them: the writes that stored them are its entries too. */
    private List<Long> records(String subjectId) {
        return LongStream.of(state.snapshot().index().history(subjectId).recordIds()).boxed().toList();
    }

    private static Map<String, Object> entry(AuditLog.AuditEntry e) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("seq", e.seq());
        view.put("at", e.event().at().toString());
        view.put("actor", e.event().actor());
        view.put("role", e.event().role());
        view.put("action", e.event().action());
        view.put("subject_hash", e.event().subjectHash().orElse(null));
        view.put("purpose", e.event().purpose());
        view.put("outcome", e.event().outcome());
        if (!e.event().items().isEmpty()) {
            view.put("items", e.event().items().stream()
                    .map(AuditRoutes::item).toList());
        }
        view.put("previous_hash", e.previousHash());
        view.put("hash", e.hash());
        return view;
    }

    private static Map<String, Object> item(AuditLog.Item item) {
        Map<String, Object> view = new LinkedHashMap<>();
        // Its place in the entry, which a subject's decision id names (d-SEQ.NUMBER); shown alone or with the rest.
        view.put("number", item.number());
        view.put("subject_hash", item.subjectHash());
        view.put("outcome", item.outcome());
        return view;
    }

    /** An instant, or a date meaning its start ({@code from}) or its end ({@code to}, exclusive next day). */
    private static Optional<Instant> instant(Context ctx, String name, boolean endOfDay) {
        String text = ctx.queryParam(name);
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException notInstant) {
            try {
                LocalDate date = LocalDate.parse(text);
                return Optional.of((endOfDay ? date.plusDays(1) : date).atStartOfDay().toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException notDate) {
                throw ApiError.badRequest("invalid_" + name, name + " must be a date YYYY-MM-DD or an instant, not '" + text + "'");
            }
        }
    }

    private static int limit(String text) {
        try {
            int value = Integer.parseInt(text);
            if (value >= 1) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiError.badRequest("invalid_limit", "limit must be a whole number from 1, not '" + text + "'");
    }
}
