package org.credence.web;

import io.javalin.http.Context;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.credence.catalog.Catalog;
import org.credence.catalog.CreditList;
import org.credence.catalog.Measure;
import org.credence.catalog.RecordType;
import org.credence.state.CreditState;
import org.credence.state.Publication;
import org.credence.state.SubjectIndex;
import org.credence.subject.IdSchemes;
import org.credence.subject.SubjectKind;

/** The public's pages: the published catalog, the public lists and organizations' public standing. */
public final class PublicPages {

    static final int PAGE_SIZE = 50;
    static final int MAX_HITS = 50;

    private final Pages pages;
    private final CreditState state;
    private final IdSchemes ids;

    PublicPages(Pages pages, CreditState state, IdSchemes ids) {
        this.pages = pages;
        this.state = state;
        this.ids = ids;
    }

    public record Home(Catalog catalog, Map<CreditList, Integer> publicLists) {
    }

    public record CatalogView(String query, Catalog catalog, List<RecordType> recordTypes, List<CreditList> lists,
                              List<Measure> measures) {
        public boolean nothingFound() {
            return recordTypes.isEmpty() && lists.isEmpty() && measures.isEmpty();
        }
    }

    public record ListView(CreditList list, int page, int pages, int total, List<Publication.Member> members) {
    }

    public record Search(String query, Optional<String> error, List<Hit> hits, boolean searched) {
    }

    public record Hit(String id, Optional<String> name) {
    }

    public record Organization(String id, Optional<String> name, boolean known, Publication.PublicStanding standing) {
    }

    void home(Context ctx) {
        CreditState.Snapshot snapshot = state.snapshot();
        pages.render(ctx, "home.jte", pages.page(ctx), new Home(snapshot.rulebook().catalog(),
                Publication.sizes(snapshot, pages.today())));
    }

    void catalog(Context ctx) {
        Catalog catalog = state.snapshot().rulebook().catalog();
        String query = Optional.ofNullable(ctx.queryParam("q")).map(String::strip).orElse("");
        String q = query.toLowerCase(Locale.ROOT);
        pages.render(ctx, "catalog.jte", pages.page(ctx), new CatalogView(query, catalog,
                catalog.recordTypes().stream().filter(t -> matches(q, t.code(), t.title(), t.category().code(), t.legalBasis()))
                        .toList(),
                catalog.lists().stream().filter(l -> matches(q, l.code(), l.title(), l.legalBasis())).toList(),
                catalog.measures().stream().filter(m -> matches(q, m.code(), m.action(), m.legalBasis(),
                        m.effect().name())).toList()));
    }

    private static boolean matches(String query, String... fields) {
        if (query.isEmpty()) {
            return true;
        }
        for (String field : fields) {
            if (field.toLowerCase(Locale.ROOT).contains(query)) {
                return true;
            }
        }
        return false;
    }

    void list(Context ctx) {
        Page page = pages.page(ctx);
        CreditState.Snapshot snapshot = state.snapshot();
        Optional<CreditList> list = snapshot.rulebook().catalog().list(ctx.pathParam("code")).filter(Publication::isPublic);
        if (list.isEmpty()) {
            // A list that is not public is as absent as one that does not exist.
            pages.render(ctx, 404, "problem.jte", page, page.t("problem.no_public_list", ctx.pathParam("code")));
            return;
        }
        int asked = pageNumber(ctx);
        Publication.Listing members = Publication.members(snapshot, list.get(), pages.today(), asked, PAGE_SIZE);
        int pageCount = Math.max(1, (members.total() + PAGE_SIZE - 1) / PAGE_SIZE);
        if (asked > pageCount) {
            // Past the end: show the last page, as a reader paging forward expects.
            members = Publication.members(snapshot, list.get(), pages.today(), pageCount, PAGE_SIZE);
        }
        pages.render(ctx, "list.jte", page, new ListView(list.get(), Math.min(asked, pageCount), pageCount,
                members.total(), members.shown()));
    }

    private static int pageNumber(Context ctx) {
        try {
            return Math.max(1, Integer.parseInt(Optional.ofNullable(ctx.queryParam("page")).orElse("1")));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /** Finds organizations by their code or by a part of their name; persons are never searchable. */
    void organizations(Context ctx) {
        Page page = pages.page(ctx);
        String query = Optional.ofNullable(ctx.queryParam("q")).map(String::strip).orElse("");
        if (query.isEmpty()) {
            pages.render(ctx, "organizations.jte", page, new Search("", Optional.empty(), List.of(), false));
            return;
        }
        String code = query.toUpperCase(Locale.ROOT);
        if (ids.problem(SubjectKind.ORGANIZATION, code).isEmpty()) {
            ctx.redirect("/organizations/" + code, io.javalin.http.HttpStatus.SEE_OTHER);
            return;
        }
        if (query.length() < 2) {
            pages.render(ctx, 400, "organizations.jte", page, new Search(query,
                    Optional.of(page.t("organizations.error.short")), List.of(), false));
            return;
        }
        String needle = query.toLowerCase(Locale.ROOT);
        List<Hit> hits = new ArrayList<>();
        state.snapshot().index().forEachOrganizationName((id, name) -> {
            if (name.toLowerCase(Locale.ROOT).contains(needle)) {
                hits.add(new Hit(id, Optional.of(name)));
            }
        });
        hits.sort(java.util.Comparator.comparing(Hit::id));
        pages.render(ctx, "organizations.jte", page, new Search(query, Optional.empty(),
                hits.subList(0, Math.min(MAX_HITS, hits.size())), true));
    }

    void organization(Context ctx) {
        Page page = pages.page(ctx);
        String id = ctx.pathParam("id").toUpperCase(Locale.ROOT);
        Optional<String> invalid = ids.problem(SubjectKind.ORGANIZATION, id);
        if (invalid.isPresent()) {
            pages.render(ctx, 400, "organizations.jte", page, new Search(ctx.pathParam("id"),
                    Optional.of(page.t("organizations.error.invalid", ctx.pathParam("id"))), List.of(), false));
            return;
        }
        CreditState.Snapshot snapshot = state.snapshot();
        Optional<SubjectIndex.Entry> entry = snapshot.index().subject(id);
        if (entry.isPresent() && entry.get().kind() != SubjectKind.ORGANIZATION) {
            pages.render(ctx, 404, "problem.jte", page, page.t("problem.no_organization", id));
            return;
        }
        LocalDate today = pages.today();
        Publication.PublicStanding standing = entry.map(e -> Publication.publicStanding(snapshot.rulebook(), e, today))
                .orElse(new Publication.PublicStanding(List.of(), List.of()));
        pages.render(ctx, "organization.jte", page, new Organization(id, entry.flatMap(e -> snapshot.index().name(id)),
                entry.isPresent(), standing));
    }
}
