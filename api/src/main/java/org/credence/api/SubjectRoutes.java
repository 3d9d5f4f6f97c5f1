package org.credence.api;

import io.javalin.http.Context;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.credence.formats.Views;
import org.credence.state.CreditState;
import org.credence.state.SubjectIndex;
import org.credence.store.ApiKey;
import org.credence.subject.IdSchemes;

/** A subject's file: the whole standing with its explanation, for operators and auditors. */
final class SubjectRoutes {

    private final CreditState state;
    private final IdSchemes ids;
    private final Clock clock;

    SubjectRoutes(CreditState state, IdSchemes ids, Clock clock) {
        this.state = state;
        this.ids = ids;
        this.clock = clock;
    }

    void file(Context ctx, ApiKey client) {
        String id = ctx.pathParam("id");
        if (ids.kindOf(id).isEmpty()) {
            throw ApiError.badRequest("invalid_subject", "'" + id + "' is not a valid subject id: " + ids.whyInvalid(id));
        }
        LocalDate asOf = asOf(ctx);
        CreditState.Snapshot snapshot = state.snapshot();
        SubjectIndex.Entry entry = snapshot.index().subject(id).orElseThrow(() ->
                new ApiError(404, "unknown_subject", "no records are held about subject " + id));
        Respond.json(ctx, 200, Views.file(id, entry.kind(), entry.name(), snapshot.rulebook().standing(entry.history(), asOf)));
    }

    private LocalDate asOf(Context ctx) {
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
