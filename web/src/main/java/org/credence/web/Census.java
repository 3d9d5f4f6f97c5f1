package org.credence.web;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.credence.catalog.Catalog;
import org.credence.catalog.CreditList;
import org.credence.catalog.Grade;
import org.credence.catalog.RecordType;
import org.credence.scoring.Rulebook;
import org.credence.scoring.Standing;
import org.credence.scoring.SubjectHistory;
import org.credence.state.CreditState;

/**
 * Counts over every subject held, for operators: how many are in each grade, on each list, and how
 * many records of each type were ingested. One pass over the index; never shown to the public,
 * since counts by grade are statistics about persons.
 */
public record Census(int subjects, long records, long uncatalogued, Map<Grade, Integer> grades,
                     Map<CreditList, Integer> lists, Map<RecordType, Integer> recordTypes) {

    static Census of(CreditState.Snapshot snapshot, LocalDate day) {
        Rulebook rulebook = snapshot.rulebook();
        Catalog catalog = rulebook.catalog();
        int epochDay = (int) day.toEpochDay();
        Map<Grade, Integer> grades = zeros(catalog.scale().grades());
        Map<CreditList, Integer> lists = zeros(catalog.lists());
        int[] types = new int[catalog.recordTypes().size()];
        snapshot.index().forEach((id, entry) -> {
            SubjectHistory history = entry.history();
            Grade grade = catalog.scale().gradeOf(rulebook.points(history, epochDay));
            for (int i = 0; i < history.size(); i++) {
                types[history.type(i)]++;
            }
            grades.merge(grade, 1, Integer::sum);
            for (Standing.Membership m : rulebook.memberships(history, day)) {
                lists.merge(m.list(), 1, Integer::sum);
            }
        });
        Map<RecordType, Integer> byType = new LinkedHashMap<>();
        for (int t = 0; t < types.length; t++) {
            byType.put(rulebook.type(t), types[t]);
        }
        return new Census(snapshot.index().subjects(), snapshot.index().records(), snapshot.index().uncatalogued(),
                grades, lists, byType);
    }

    private static <K> Map<K, Integer> zeros(Iterable<K> keys) {
        Map<K, Integer> map = new LinkedHashMap<>();
        keys.forEach(k -> map.put(k, 0));
        return map;
    }

    public String gradesJson() {
        return Charts.bars(grades.keySet().stream().map(Grade::code).toList(), grades.values().stream().toList());
    }

    public String listsJson() {
        return Charts.bars(lists.keySet().stream().map(CreditList::code).toList(), lists.values().stream().toList());
    }
}
