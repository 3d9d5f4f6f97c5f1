package org.credence.api;

import io.javalin.http.Context;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.credence.catalog.CreditList;
import org.credence.scoring.AppliedMeasure;
import org.credence.scoring.Rulebook;
import org.credence.state.CreditState;
import org.credence.state.Publication;
import org.credence.state.SubjectIndex;
import org.credence.subject.IdSchemes;
import org.credence.subject.SubjectKind;

/**
 * What the law makes public, and nothing else: members of lists whose catalog entry says
 * {@code publication: public}, and organizations' public standing. Persons appear only on such lists,
 * by name and a masked id; nothing here ranks or lists persons by points.
 */
final class PublicRoutes {

    static final int DEFAULT_PAGE_SIZE = 50;
    static final int MAX_PAGE_SIZE = 500;

    private final CreditState state;
    private final IdSchemes ids;
    private final Clock clock;

    PublicRoutes(CreditState state, IdSchemes ids, Clock clock) {
        this.state = state;
        this.ids = ids;
        this.clock = clock;
    }

    void list(Context ctx) {
        CreditState.Snapshot snapshot = state.snapshot();
        String code = ctx.pathParam("code");
        CreditList list = snapshot.rulebook().catalog().list(code)
                .filter(l -> l.publication() == CreditList.Publication.PUBLIC)
                .orElseThrow(() -> new ApiError(404, "not_found", "no public list '" + code + "'"));
        int page = positive(ctx, "page", 1);
        int size = Math.min(positive(ctx, "size", DEFAULT_PAGE_SIZE), MAX_PAGE_SIZE);
        Publication.Listing members = Publication.members(snapshot, list, LocalDate.now(clock), page, size);
        List<Map<String, Object>> entries = new ArrayList<>();
        for (Publication.Member member : members.shown()) {
            entries.add(entry(member, list));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("list", Map.of("code", list.code(), "title", list.title(), "kind", list.kind().name().toLowerCase(java.util.Locale.ROOT),
                "legal_basis", list.legalBasis()));
        body.put("as_of", LocalDate.now(clock).toString());
        body.put("page", page);
        body.put("size", size);
        body.put("total", members.total());
        body.put("entries", entries);
        Respond.json(ctx, 200, body);
    }

    void organization(Context ctx) {
        String id = ctx.pathParam("id");
        if (ids.problem(SubjectKind.ORGANIZATION, id).isPresent()) {
            throw ApiError.badRequest("invalid_subject", "'" + id + "' is not a unified social credit code: "
                    + ids.problem(SubjectKind.ORGANIZATION, id).get());
        }
        CreditState.Snapshot snapshot = state.snapshot();
        Optional<SubjectIndex.Entry> entry = snapshot.index().subject(id);
        if (entry.isPresent() && entry.get().kind() != SubjectKind.ORGANIZATION) {
            throw new ApiError(404, "not_found", "no organization " + id);
        }
        LocalDate today = LocalDate.now(clock);
        Rulebook rulebook = snapshot.rulebook();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("name", entry.isPresent() ? snapshot.index().name(id).orElse(null) : null);
        body.put("as_of", today.toString());
        List<Map<String, Object>> lists = new ArrayList<>();
        List<Map<String, Object>> measures = new ArrayList<>();
        if (entry.isPresent()) {
            Publication.PublicStanding standing = Publication.publicStanding(rulebook, entry.get(), today);
            standing.lists().forEach(m -> lists.add(membership(m.list(), m.since(), m.until(), m.disputed())));
            for (AppliedMeasure m : standing.measures()) {
                Map<String, Object> view = new LinkedHashMap<>();
                view.put("code", m.measure().code());
                view.put("action", m.measure().action());
                view.put("effect", m.measure().effect().name().toLowerCase(java.util.Locale.ROOT));
                view.put("legal_basis", m.measure().legalBasis());
                view.put("until", m.until().map(LocalDate::toString).orElse(null));
                measures.add(view);
            }
        }
        body.put("lists", lists);
        body.put("measures", measures);
        Respond.json(ctx, 200, body);
    }

    private static Map<String, Object> entry(Publication.Member member, CreditList list) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("kind", member.kind().code());
        view.put("id", member.shownId());
        view.put("name", member.name().orElse(null));
        view.putAll(membership(list, member.since(), member.until(), member.disputed()));
        return view;
    }

    private static Map<String, Object> membership(CreditList list, Optional<LocalDate> since, Optional<LocalDate> until,
                                                  boolean disputed) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("list", list.code());
        view.put("since", since.map(LocalDate::toString).orElse(null));
        view.put("until", until.map(LocalDate::toString).orElse(null));
        view.put("disputed", disputed);
        view.put("legal_basis", list.legalBasis());
        return view;
    }

    private static int positive(Context ctx, String name, int absent) {
        String text = ctx.queryParam(name);
        if (text == null) {
            return absent;
        }
        try {
            int value = Integer.parseInt(text);
            if (value >= 1) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiError.badRequest("invalid_" + name, name + " must be a whole number from 1, not '" + text + "'");
    }
}
