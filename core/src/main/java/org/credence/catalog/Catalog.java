package org.credence.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A validated catalog version. Only {@link CatalogReader} builds one, so every instance has passed
 * the rule-of-law lint: codes are unique and every reference resolves.
 */
public final class Catalog {

    private final String id;
    private final int version;
    private final Scale scale;
    private final Map<String, RecordType> recordTypes;
    private final Map<String, CreditList> lists;
    private final Map<String, Action> actions;
    private final List<Measure> measures;
    private final Map<String, List<Measure>> measuresByAction;

    Catalog(String id, int version, Scale scale, List<RecordType> recordTypes, List<CreditList> lists,
            List<Action> actions, List<Measure> measures) {
        this.id = id;
        this.version = version;
        this.scale = scale;
        this.recordTypes = byCode(recordTypes, RecordType::code);
        this.lists = byCode(lists, CreditList::code);
        this.actions = byCode(actions, Action::code);
        this.measures = List.copyOf(measures);
        Map<String, List<Measure>> grouped = new LinkedHashMap<>();
        for (Action action : actions) {
            grouped.put(action.code(), new ArrayList<>());
        }
        for (Measure measure : measures) {
            grouped.get(measure.action()).add(measure);
        }
        grouped.replaceAll((k, v) -> List.copyOf(v));
        this.measuresByAction = java.util.Collections.unmodifiableMap(grouped);
    }

    private static <T> Map<String, T> byCode(List<T> items, java.util.function.Function<T, String> code) {
        Map<String, T> map = new LinkedHashMap<>();
        for (T item : items) {
            map.put(code.apply(item), item);
        }
        return java.util.Collections.unmodifiableMap(map);
    }

    public String id() {
        return id;
    }

    public int version() {
        return version;
    }

    public Scale scale() {
        return scale;
    }

    public List<RecordType> recordTypes() {
        return List.copyOf(recordTypes.values());
    }

    public Optional<RecordType> recordType(String code) {
        return Optional.ofNullable(recordTypes.get(code));
    }

    public List<CreditList> lists() {
        return List.copyOf(lists.values());
    }

    public Optional<CreditList> list(String code) {
        return Optional.ofNullable(lists.get(code));
    }

    public List<Action> actions() {
        return List.copyOf(actions.values());
    }

    public Optional<Action> action(String code) {
        return Optional.ofNullable(actions.get(code));
    }

    public List<Measure> measures() {
        return measures;
    }

    /** The measures on {@code action}, in catalog order; empty for an action with none. */
    public List<Measure> measuresOn(String action) {
        return measuresByAction.getOrDefault(action, List.of());
    }
}
