package org.credence.formats;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.credence.catalog.Catalog;
import org.credence.catalog.CreditList;
import org.credence.catalog.GradeCondition;
import org.credence.catalog.ListEntry;
import org.credence.catalog.Measure;
import org.credence.catalog.RecordType;
import org.credence.catalog.Trigger;
import org.credence.scoring.AppliedMeasure;
import org.credence.scoring.Decision;
import org.credence.scoring.Standing;
import org.credence.subject.SubjectKind;

/**
 * The JSON shapes of Credence's answers, shared by the CLI and the HTTP API so that both say the same
 * thing in the same words. Maps keep insertion order, so fields print in a readable order.
 */
public final class Views {

    private Views() {
    }

    /** A decision as a partner sees it: outcome and reasons, never points, grade or records. */
    public static Map<String, Object> decision(Decision decision, LocalDate asOf) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("decision", decision.outcome().code());
        view.put("action", decision.action());
        view.put("as_of", asOf.toString());
        view.put("measures", measures(decision.measures(), false));
        return view;
    }

    private static List<Map<String, Object>> measures(List<AppliedMeasure> measures, boolean withAction) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (AppliedMeasure applied : measures) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("code", applied.measure().code());
            if (withAction) {
                m.put("action", applied.measure().action());
            }
            m.put("effect", lower(applied.measure().effect()));
            m.put("legal_basis", applied.measure().legalBasis());
            m.put("until", date(applied.until()));
            m.put("disputed", applied.disputed());
            out.add(m);
        }
        return out;
    }

    /** A subject's file: everything that makes its standing, with the reasons. */
    public static Map<String, Object> file(String subject, SubjectKind kind, Optional<String> name, Standing standing) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("subject", subject);
        view.put("kind", kind.code());
        name.ifPresent(n -> view.put("name", n));
        view.put("as_of", standing.asOf().toString());
        view.put("points", standing.points());
        view.put("grade", standing.grade().code());
        List<Map<String, Object>> records = new ArrayList<>();
        for (Standing.RecordLine line : standing.records()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("id", line.recordId());
            r.put("type", line.type());
            r.put("occurred_at", line.occurredAt().toString());
            r.put("points", line.points());
            r.put("status", line.status().code());
            r.put("counts", line.counts());
            r.put("expires_on", date(line.expiresOn()));
            line.disputedSince().ifPresent(d -> r.put("disputed_since", d.toString()));
            records.add(r);
        }
        view.put("records", records);
        List<Map<String, Object>> lists = new ArrayList<>();
        for (Standing.Membership membership : standing.lists()) {
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("code", membership.list().code());
            l.put("kind", lower(membership.list().kind()));
            l.put("title", membership.list().title());
            l.put("since", date(membership.since()));
            l.put("until", date(membership.until()));
            l.put("disputed", membership.disputed());
            l.put("legal_basis", membership.list().legalBasis());
            lists.add(l);
        }
        view.put("lists", lists);
        view.put("measures", measures(standing.measures(), true));
        return view;
    }

    /** The published catalog, in the same shape and field names as its YAML. */
    public static Map<String, Object> catalog(Catalog catalog) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", catalog.id());
        view.put("version", catalog.version());
        Map<String, Object> scale = new LinkedHashMap<>();
        scale.put("base", catalog.scale().base());
        scale.put("floor", catalog.scale().floor());
        scale.put("cap", catalog.scale().cap());
        scale.put("better", lower(catalog.scale().better()));
        scale.put("grades", catalog.scale().grades().stream()
                .map(g -> Map.<String, Object>of("code", g.code(), "min", g.min())).toList());
        view.put("scale", scale);
        List<Map<String, Object>> types = new ArrayList<>();
        for (RecordType type : catalog.recordTypes()) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("code", type.code());
            t.put("title", type.title());
            t.put("category", type.category().code());
            t.put("subjects", type.subjects().stream().map(SubjectKind::code).sorted().toList());
            t.put("points", type.points());
            t.put("expires_after", type.expiresAfter().map(Object::toString).orElse(null));
            t.put("repairable", type.repairable());
            t.put("legal_basis", type.legalBasis());
            types.add(t);
        }
        view.put("record_types", types);
        List<Map<String, Object>> lists = new ArrayList<>();
        for (CreditList list : catalog.lists()) {
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("code", list.code());
            l.put("kind", lower(list.kind()));
            l.put("title", list.title());
            l.put("entry", switch (list.entry()) {
                case ListEntry.ByRecordTypes byTypes -> Map.of("record_types", byTypes.recordTypes());
                case GradeCondition grade -> condition(grade);
            });
            l.put("duration", list.duration().toString());
            l.put("publication", lower(list.publication()));
            l.put("legal_basis", list.legalBasis());
            lists.add(l);
        }
        view.put("lists", lists);
        view.put("actions", catalog.actions().stream()
                .map(a -> Map.<String, Object>of("code", a.code(), "title", a.title())).toList());
        List<Map<String, Object>> measures = new ArrayList<>();
        for (Measure measure : catalog.measures()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("code", measure.code());
            m.put("when", switch (measure.when()) {
                case Trigger.OnList onList -> Map.of("list", onList.list());
                case GradeCondition grade -> condition(grade);
            });
            m.put("action", measure.action());
            m.put("effect", lower(measure.effect()));
            m.put("legal_basis", measure.legalBasis());
            measures.add(m);
        }
        view.put("measures", measures);
        return view;
    }

    private static Map<String, Object> condition(GradeCondition grade) {
        return switch (grade) {
            case GradeCondition.AtLeast atLeast -> Map.of("grade_at_least", atLeast.grade());
            case GradeCondition.AtMost atMost -> Map.of("grade_at_most", atMost.grade());
        };
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    private static String date(Optional<LocalDate> date) {
        return date.map(LocalDate::toString).orElse(null);
    }
}
