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

    /** One page of a public list: how many members it has in all, and those on the page. */
    public record Listing(int total, List<Member> shown) {
    }

    public static boolean isPublic(CreditList list) {
        return list.publication() == CreditList.Publication.PUBLIC;
    }

    /**
     * Page {@code page} (from 1) of {@code size} members of {@code list} on {@code day}, ordered by
     * id: a stable order that says nothing about points. Names are looked up for the members shown
     * only, since a person's name is read from the store.
     */
    public static Listing members(CreditState.Snapshot snapshot, CreditList list, LocalDate day, int page, int size) {
        Rulebook rulebook = snapshot.rulebook();
        Map<String, Found> byId = new java.util.TreeMap<>();
        snapshot.index().forEach((id, entry) -> rulebook.memberships(entry.history(), day).stream()
                .filter(m -> m.list().code().equals(list.code())).findFirst()
                .ifPresent(m -> byId.put(id, new Found(entry.kind(), m))));
        List<Member> shown = new ArrayList<>();
        byId.entrySet().stream().skip((long) (page - 1) * size).limit(size).forEach(e -> {
            String id = e.getKey();
            Found found = e.getValue();
            shown.add(new Member(found.kind, found.kind == SubjectKind.PERSON ? mask(id) : id, snapshot.index().name(id),
                    found.membership.since(), found.membership.until(), found.membership.disputed()));
        });
        return new Listing(byId.size(), shown);
    }

    private record Found(SubjectKind kind, Standing.Membership membership) {
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
