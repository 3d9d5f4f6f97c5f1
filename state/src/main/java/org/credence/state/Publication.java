package org.credence.state;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.credence.catalog.CreditList;
import org.credence.catalog.Trigger;
import org.credence.scoring.AppliedMeasure;
import org.credence.scoring.Rulebook;
import org.credence.scoring.Standing;
import org.credence.subject.SubjectKind;

/**
 * What the law makes public, by the same rules as the API's public routes: members of lists whose
 * catalog entry says {@code publication: public}, persons by name and masked id only, organizations'
 * public memberships and the measures that follow from them. Nothing here orders anyone by points.
 */
public final class Publication {

    private Publication() {
    }

    /** One member of a public list as published. */
    public record Member(SubjectKind kind, String shownId, Optional<String> name, Optional<LocalDate> since,
                         Optional<LocalDate> until, boolean disputed) {
        public boolean person() {
            return kind == SubjectKind.PERSON;
        }
    }

    public static boolean isPublic(CreditList list) {
        return list.publication() == CreditList.Publication.PUBLIC;
    }

    /** Every member of {@code list} on {@code day}, ordered by id: a stable order that says nothing about points. */
    public static List<Member> members(CreditState.Snapshot snapshot, CreditList list, LocalDate day) {
        Rulebook rulebook = snapshot.rulebook();
        Map<String, Member> byId = new java.util.TreeMap<>();
        snapshot.index().forEach((id, entry) -> rulebook.memberships(entry.history(), day).stream()
                .filter(m -> m.list().code().equals(list.code())).findFirst()
                .ifPresent(m -> byId.put(id, member(id, entry, m))));
        return List.copyOf(byId.values());
    }

    /** How many subjects are on each public list on {@code day}, in catalog order. */
    public static Map<CreditList, Integer> sizes(CreditState.Snapshot snapshot, LocalDate day) {
        Map<CreditList, Integer> sizes = new LinkedHashMap<>();
        for (CreditList list : snapshot.rulebook().catalog().lists()) {
            if (isPublic(list)) {
                sizes.put(list, 0);
            }
        }
        Rulebook rulebook = snapshot.rulebook();
        snapshot.index().forEach((id, entry) -> {
            for (Standing.Membership m : rulebook.memberships(entry.history(), day)) {
                sizes.computeIfPresent(m.list(), (l, n) -> n + 1);
            }
        });
        return sizes;
    }

    private static Member member(String id, SubjectIndex.Entry entry, Standing.Membership m) {
        return new Member(entry.kind(), entry.kind() == SubjectKind.PERSON ? mask(id) : id, entry.name(), m.since(),
                m.until(), m.disputed());
    }

    /** A person's id as published: the first 6 and last 4 characters, the rest hidden. */
    public static String mask(String id) {
        return id.substring(0, 6) + "*".repeat(id.length() - 10) + id.substring(id.length() - 4);
    }

    /** An organization's public memberships and the measures that follow from them; no points, no grade. */
    public record PublicStanding(List<Standing.Membership> lists, List<AppliedMeasure> measures) {
    }

    public static PublicStanding publicStanding(Rulebook rulebook, SubjectIndex.Entry entry, LocalDate day) {
        Standing standing = rulebook.standing(entry.history(), day);
        List<Standing.Membership> lists = standing.lists().stream().filter(m -> isPublic(m.list())).toList();
        List<AppliedMeasure> measures = new ArrayList<>();
        for (AppliedMeasure m : standing.measures()) {
            // Grade-triggered measures would disclose the grade.
            if (m.measure().when() instanceof Trigger.OnList onList
                    && rulebook.catalog().list(onList.list()).filter(Publication::isPublic).isPresent()) {
                measures.add(m);
            }
        }
        return new PublicStanding(lists, measures);
    }
}
