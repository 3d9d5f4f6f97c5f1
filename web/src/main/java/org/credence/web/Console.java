package org.credence.web;

import io.javalin.http.Context;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import org.credence.api.Audit;
import org.credence.api.Clients;
import org.credence.catalog.Catalog;
import org.credence.state.CreditState;
import org.credence.state.Refusal;
import org.credence.state.Rights;
import org.credence.store.ApiKey;
import org.credence.store.CatalogStore;
import org.credence.store.KeyStore;
import org.credence.store.RecordStore;
import org.credence.store.RightsStore;
import org.credence.store.Role;
import org.credence.subject.IdSchemes;

/**
 * The operator's console: what has been ingested, grades and lists as charts, the dispute and repair
 * queues with their deadlines and the forms to decide them, the catalog versions, and the keys.
 */
public final class Console {

    private final Pages pages;
    private final CreditState state;
    private final Rights rights;
    private final RightsStore rightsStore;
    private final RecordStore records;
    private final CatalogStore catalogs;
    private final KeyStore keys;
    private final IdSchemes ids;
    private final Audit audit;

    Console(Pages pages, CreditState state, Rights rights, RightsStore rightsStore, RecordStore records,
            CatalogStore catalogs, KeyStore keys, IdSchemes ids, Audit audit) {
        this.pages = pages;
        this.state = state;
        this.rights = rights;
        this.rightsStore = rightsStore;
        this.records = records;
        this.catalogs = catalogs;
        this.keys = keys;
        this.ids = ids;
        this.audit = audit;
    }

    /** An open dispute or repair request with the record it is about. */
    public record Queued<T>(T item, String recordType, boolean overdue) {
    }

    /** A refused form: which one (a dispute, a repair, the key form), which field, why, and what was typed. */
    public record FormError(String form, long id, String field, String message, Map<String, String> entered) {
        public boolean on(String which, long item, String name) {
            return form.equals(which) && id == item && field.equals(name);
        }

        public String entered(String name) {
            return entered.getOrDefault(name, "");
        }
    }

    public record View(Census census, Catalog catalog, List<Queued<RightsStore.Dispute>> disputes,
                       List<Queued<RightsStore.Repair>> repairs, List<CatalogStore.CatalogVersion> versions,
                       List<ApiKey> keys, List<Role> roles, Optional<FormError> error) {
        public boolean refused(String form, long id) {
            return error.filter(e -> e.form().equals(form) && e.id() == id).isPresent();
        }
    }

    void show(Context ctx) {
        if (pages.signedIn(ctx, Role.OPERATOR).isEmpty()) {
            ctx.redirect("/sign-in", io.javalin.http.HttpStatus.SEE_OTHER);
            return;
        }
        render(ctx, 200, Optional.empty());
    }

    private void render(Context ctx, int status, Optional<FormError> error) {
        CreditState.Snapshot snapshot = state.snapshot();
        var today = pages.today();
        List<Queued<RightsStore.Dispute>> disputes = rightsStore.disputes(Optional.of(RightsStore.Dispute.Status.OPEN)).stream()
                .map(d -> new Queued<>(d, recordType(d.recordId()), !today.isBefore(d.deadline()))).toList();
        List<Queued<RightsStore.Repair>> repairs = rightsStore.repairs(Optional.of(RightsStore.Repair.Status.REQUESTED)).stream()
                .map(r -> new Queued<>(r, recordType(r.recordId()), false)).toList();
        List<CatalogStore.CatalogVersion> versions = catalogs.versions().reversed();
        List<ApiKey> all = keys.all().stream().sorted(Comparator.comparing(ApiKey::createdAt).reversed()).toList();
        pages.render(ctx, status, "console.jte", pages.page(ctx), new View(Census.of(snapshot, today),
                snapshot.rulebook().catalog(), disputes, repairs, versions, all, Arrays.asList(Role.values()), error));
    }

    private String recordType(long recordId) {
        return records.record(recordId).map(r -> r.submission().type()).orElse("");
    }

    void resolveDispute(Context ctx, Session session) {
        decide(ctx, session, "dispute", Map.of("upheld", RightsStore.Dispute.Status.UPHELD,
                "rejected", RightsStore.Dispute.Status.REJECTED), (client, id, outcome, note) -> {
                    rights.resolveDispute(id, outcome, note, actor(client), audit.disputeResolved(client, id, outcome));
                    return pages.page(ctx).t("console.dispute.resolved", id, pages.page(ctx).t("outcome." + outcome.name()
                            .toLowerCase(Locale.ROOT)));
                });
    }

    void decideRepair(Context ctx, Session session) {
        decide(ctx, session, "repair", Map.of("approved", RightsStore.Repair.Status.APPROVED,
                "refused", RightsStore.Repair.Status.REFUSED), (client, id, outcome, note) -> {
                    rights.decideRepair(id, outcome, note, actor(client), audit.repairDecided(client, id, outcome));
                    return pages.page(ctx).t("console.repair.decided", id, pages.page(ctx).t("outcome." + outcome.name()
                            .toLowerCase(Locale.ROOT)));
                });
    }

    @FunctionalInterface
    private interface Decide<S> {
        String apply(ApiKey client, long id, S outcome, String note);
    }

    private <S> void decide(Context ctx, Session session, String form, Map<String, S> outcomes, Decide<S> decide) {
        Page page = pages.page(ctx);
        OptionalLong id = Forms.number(ctx, "id");
        String chosen = Forms.text(ctx, "outcome");
        String note = Forms.text(ctx, "note");
        long item = id.orElse(-1);
        Map<String, String> entered = Map.of("outcome", chosen, "note", note);
        if (id.isEmpty()) {
            render(ctx, 400, Optional.of(new FormError(form, item, "outcome", page.t("console.error.item"), entered)));
            return;
        }
        S outcome = outcomes.get(chosen);
        if (outcome == null) {
            render(ctx, 400, Optional.of(new FormError(form, item, "outcome", page.t("console.error.outcome"), entered)));
            return;
        }
        if (note.isEmpty() || note.length() > Forms.MAX_TEXT) {
            render(ctx, 400, Optional.of(new FormError(form, item, "note", note.isEmpty() ? page.t("console.error.note")
                    : page.t("me.error.too_long", Forms.MAX_TEXT), entered)));
            return;
        }
        String done;
        try {
            done = decide.apply(session.client.orElseThrow(), item, outcome, note);
        } catch (Refusal refusal) {
            render(ctx, refusal.reason() == Refusal.Reason.NOT_FOUND ? 404 : 409, Optional.of(new FormError(form, item, "outcome",
                    page.t("refusal." + refusal.reason().name().toLowerCase(Locale.ROOT)), entered)));
            return;
        }
        Pages.redirect(ctx, session, "/console#queues", done);
    }

    /** Creates a key; its secret is shown once, on the next page, and never stored. */
    void createKey(Context ctx, Session session) {
        Page page = pages.page(ctx);
        String name = Forms.text(ctx, "name");
        String roleCode = Forms.text(ctx, "role");
        String subject = Forms.text(ctx, "subject").toUpperCase(Locale.ROOT);
        String scopeText = Forms.text(ctx, "scopes");
        Map<String, String> entered = new LinkedHashMap<>();
        entered.put("name", name);
        entered.put("role", roleCode);
        entered.put("subject", subject);
        entered.put("scopes", scopeText);
        Optional<Role> role = Role.fromCode(roleCode);
        Set<String> scopes = new TreeSet<>();
        for (String s : scopeText.split("[,\\s]+")) {
            if (!s.isBlank()) {
                scopes.add(s);
            }
        }
        Optional<FormError> problem = Optional.empty();
        if (name.isEmpty() || name.length() > 100) {
            problem = Optional.of(new FormError("key", 0, "name", page.t("console.keys.error.name"), entered));
        } else if (role.isEmpty()) {
            problem = Optional.of(new FormError("key", 0, "role", page.t("console.keys.error.role"), entered));
        } else if (role.get() == Role.SUBJECT && ids.kindOf(subject).isEmpty()) {
            problem = Optional.of(new FormError("key", 0, "subject", page.t("console.keys.error.subject"), entered));
        } else if (role.get() != Role.SUBJECT && !subject.isEmpty()) {
            problem = Optional.of(new FormError("key", 0, "subject", page.t("console.keys.error.not_subject"), entered));
        } else {
            Catalog catalog = state.snapshot().rulebook().catalog();
            for (String scope : scopes) {
                boolean known = switch (role.get()) {
                    case AGENCY -> catalog.recordType(scope).isPresent();
                    case PARTNER -> catalog.action(scope).isPresent();
                    default -> false;
                };
                if (!known) {
                    problem = Optional.of(new FormError("key", 0, "scopes", page.t("console.keys.error.scope", scope), entered));
                    break;
                }
            }
        }
        if (problem.isPresent()) {
            render(ctx, 400, problem);
            return;
        }
        ApiKey operator = session.client.orElseThrow();
        Optional<String> bound = role.get() == Role.SUBJECT ? Optional.of(subject) : Optional.empty();
        String secret;
        try {
            secret = Clients.issue(keys, name, role.get(), scopes, bound, pages.clock().instant(),
                    created -> audit.entry(operator, "key.create", bound, "key management", created));
        } catch (IllegalStateException e) {
            render(ctx, 409, Optional.of(new FormError("key", 0, "name", page.t("console.keys.error.taken", name), entered)));
            return;
        }
        Pages.redirect(ctx, session, "/console#keys", page.t("console.keys.created", name, secret));
    }

    private static RightsStore.Actor actor(ApiKey client) {
        return new RightsStore.Actor(client.name(), client.role().code());
    }
}
