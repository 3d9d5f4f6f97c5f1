package org.credence.web;

import io.javalin.http.Context;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.credence.api.Audit;
import org.credence.api.DecisionId;
import org.credence.catalog.RecordType;
import org.credence.catalog.Scale;
import org.credence.record.RecordStatus;
import org.credence.scoring.Standing;
import org.credence.scoring.SubjectHistory;
import org.credence.state.CreditState;
import org.credence.state.Refusal;
import org.credence.state.Rights;
import org.credence.state.SubjectIndex;
import org.credence.store.ApiKey;
import org.credence.store.AuditLog;
import org.credence.store.RecordStore;
import org.credence.store.RightsStore;
import org.credence.store.Role;
import org.credence.subject.IdSchemes;

/**
 * A subject's own pages: its file with the reasons, a timeline of when each record stops moving its
 * points, its lists and measures, its disputes, repairs and notices, and who looked it up; and the
 * two things it can do about a record, dispute it and ask for its repair.
 */
public final class SubjectPortal {

    static final int MAX_LOOKUPS = 1000;

    private final Pages pages;
    private final CreditState state;
    private final Rights rights;
    private final RightsStore rightsStore;
    private final RecordStore records;
    private final Audit audit;
    private final IdSchemes ids;

    SubjectPortal(Pages pages, CreditState state, Rights rights, RightsStore rightsStore, RecordStore records, IdSchemes ids,
                  Audit audit) {
        this.ids = ids;
        this.pages = pages;
        this.state = state;
        this.rights = rights;
        this.rightsStore = rightsStore;
        this.records = records;
        this.audit = audit;
    }

    /** One record in the file, with its catalog entry, the source's details and what may be done about it. */
    public record Row(Standing.RecordLine line, Optional<RecordType> type, Optional<String> details,
                      Optional<LocalDate> stopsCounting, boolean disputable, boolean repairable) {
    }

    /** The points from {@code from} on, if nothing new were recorded, and the records that stop counting that day. */
    public record Step(LocalDate from, int points, String grade, List<Long> recordsEnding) {
    }

    /** A form that was refused: which record's which form, why, and what had been typed. */
    public record FormError(long recordId, String form, String message, String entered) {
        public boolean on(long record, String which) {
            return recordId == record && form.equals(which);
        }
    }

    /** A line of the access log: the lookup, and the id of the decision it was, if one. */
    public record Lookup(AuditLog.AuditEvent event, Optional<String> decisionId) {
        Lookup(AuditLog.SubjectEvent lookup) {
            this(lookup.event(), DecisionId.of(lookup));
        }
    }

    public record File(String subjectId, String kind, Optional<String> name, Standing standing, Scale scale,
                       List<Row> records, List<Step> timeline, List<RightsStore.Dispute> disputes,
                       List<RightsStore.Repair> repairs, List<RightsStore.Notice> notices, List<Lookup> lookups,
                       Optional<FormError> error) {
        public String timelineJson() {
            return Charts.timeline(timeline);
        }
    }

    void show(Context ctx) {
        Optional<Session> session = pages.signedIn(ctx, Role.SUBJECT);
        if (session.isEmpty()) {
            ctx.redirect("/sign-in", io.javalin.http.HttpStatus.SEE_OTHER);
            return;
        }
        render(ctx, session.get(), 200, Optional.empty());
    }

    void dispute(Context ctx, Session session) {
        act(ctx, session, "dispute", "reason", (client, subject, record, text) -> {
            RightsStore.Dispute opened = rights.openDispute(subject, record, text, actor(client),
                    audit.disputeOpened(client, subject, record));
            return pages.page(ctx).t("me.dispute.opened", opened.id(), record, opened.deadline().toString());
        });
    }

    void repair(Context ctx, Session session) {
        act(ctx, session, "repair", "evidence", (client, subject, record, text) -> {
            RightsStore.Repair requested = rights.requestRepair(subject, record, text, actor(client),
                    audit.repairRequested(client, subject, record));
            return pages.page(ctx).t("me.repair.requested", requested.id(), record);
        });
    }

    @FunctionalInterface
    private interface Act {
        String apply(ApiKey client, String subject, long record, String text);
    }

    /** Checks a dispute or repair form, acts, and returns to the file with the outcome or the problem. */
    private void act(Context ctx, Session session, String form, String field, Act act) {
        ApiKey client = session.client.orElseThrow();
        String subject = client.subject().orElseThrow();
        OptionalLong record = Forms.number(ctx, "record_id");
        String text = Forms.text(ctx, field);
        Page page = pages.page(ctx);
        if (record.isEmpty()) {
            render(ctx, session, 400, Optional.of(new FormError(-1, form, page.t("me.error.record"), text)));
            return;
        }
        Optional<String> problem = text.isEmpty() ? Optional.of(page.t("me.error." + field + ".empty"))
                : text.length() > Forms.MAX_TEXT ? Optional.of(page.t("me.error.too_long", Forms.MAX_TEXT)) : Optional.empty();
        if (problem.isPresent()) {
            render(ctx, session, 400, Optional.of(new FormError(record.getAsLong(), form, problem.get(), text)));
            return;
        }
        String done;
        try {
            done = act.apply(client, subject, record.getAsLong(), text);
        } catch (Refusal refusal) {
            String why = page.t("refusal." + refusal.reason().name().toLowerCase(java.util.Locale.ROOT));
            render(ctx, session, refusal.reason() == Refusal.Reason.NOT_FOUND ? 404 : 409,
                    Optional.of(new FormError(record.getAsLong(), form, why, text)));
            return;
        }
        Pages.redirect(ctx, session, "/me", done);
    }

    private static RightsStore.Actor actor(ApiKey client) {
        return new RightsStore.Actor(client.name(), client.role().code());
    }

    /** The whole file; every showing of it is a file read by the subject's key, and audited as one. */
    private void render(Context ctx, Session session, int status, Optional<FormError> error) {
        ApiKey client = session.client.orElseThrow();
        String id = client.subject().orElseThrow();
        LocalDate today = pages.today();
        CreditState.Snapshot snapshot = state.snapshot();
        Optional<SubjectIndex.Entry> entry = snapshot.index().subject(id);
        SubjectHistory history = entry.map(SubjectIndex.Entry::history).orElse(SubjectHistory.EMPTY);
        Standing standing = snapshot.rulebook().standing(history, today);
        Scale scale = snapshot.rulebook().catalog().scale();
        List<Row> rows = standing.records().stream().map(line -> row(snapshot, line)).toList();
        List<RightsStore.Dispute> disputes = rightsStore.disputes(Optional.empty()).stream()
                .filter(d -> d.subjectId().equals(id)).sorted(Comparator.comparing(RightsStore.Dispute::openedAt).reversed())
                .toList();
        List<RightsStore.Repair> repairs = rightsStore.repairs(Optional.empty()).stream()
                .filter(r -> r.subjectId().equals(id)).sorted(Comparator.comparing(RightsStore.Repair::requestedAt).reversed())
                .toList();
        List<RightsStore.Notice> notices = new ArrayList<>(rightsStore.notices(id));
        notices.sort(Comparator.comparing(RightsStore.Notice::at).reversed());
        List<Lookup> lookups = new ArrayList<>(audit.accessLog(id, MAX_LOOKUPS).stream().map(Lookup::new).toList());
        java.util.Collections.reverse(lookups);
        List<CompletableFuture<AuditLog.AuditEntry>> pending = List.of(
                audit.begin(client, "file.read", Optional.of(id), "subject access", "as of " + today),
                audit.begin(client, "notices.read", Optional.of(id), "subject access", notices.size() + " notices"),
                audit.begin(client, "access_log.read", Optional.of(id), "subject access", lookups.size() + " lookups"));
        Audit.await(pending);
        pages.render(ctx, status, "me.jte", pages.page(ctx), new File(id,
                entry.map(SubjectIndex.Entry::kind).or(() -> ids.kindOf(id)).map(k -> k.code()).orElse(""),
                snapshot.index().name(id), standing, scale, rows, timeline(standing, scale, rows, today),
                disputes, repairs, notices, lookups, error));
    }

    private Row row(CreditState.Snapshot snapshot, Standing.RecordLine line) {
        Optional<RecordType> type = snapshot.rulebook().catalog().recordType(line.type());
        Optional<String> details = records.record(line.recordId()).flatMap(r -> r.submission().details());
        Optional<LocalDate> stops = Optional.empty();
        if (line.counts()) {
            Optional<LocalDate> suspended = line.disputedSince().map(d -> d.plusDays(SubjectHistory.DISPUTE_DEADLINE_DAYS));
            stops = earliest(line.expiresOn(), suspended);
        }
        boolean live = line.status() == RecordStatus.ACTIVE || line.status() == RecordStatus.DISPUTED;
        return new Row(line, type, details, stops, line.status() == RecordStatus.ACTIVE,
                live && type.map(RecordType::repairable).orElse(false));
    }

    private static Optional<LocalDate> earliest(Optional<LocalDate> a, Optional<LocalDate> b) {
        if (a.isEmpty()) {
            return b;
        }
        if (b.isEmpty()) {
            return a;
        }
        return Optional.of(a.get().isBefore(b.get()) ? a.get() : b.get());
    }

    /**
     * Today's points, then the points from each day a counting record stops counting, if nothing new
     * were recorded: the points recover (or fall back) step by step as records lapse.
     */
    static List<Step> timeline(Standing standing, Scale scale, List<Row> rows, LocalDate today) {
        TreeMap<LocalDate, List<Long>> ends = new TreeMap<>();
        for (Row row : rows) {
            row.stopsCounting().ifPresent(day -> ends.computeIfAbsent(day, d -> new ArrayList<>()).add(row.line().recordId()));
        }
        List<Step> steps = new ArrayList<>();
        steps.add(new Step(today, standing.points(), standing.grade().code(), List.of()));
        for (var end : ends.entrySet()) {
            long sum = scale.base();
            for (Row row : rows) {
                if (row.line().counts() && row.stopsCounting().map(d -> end.getKey().isBefore(d)).orElse(true)) {
                    sum += row.line().points();
                }
            }
            int points = scale.clamp(sum);
            steps.add(new Step(end.getKey(), points, scale.gradeOf(points).code(), List.copyOf(end.getValue())));
        }
        return steps;
    }
}
