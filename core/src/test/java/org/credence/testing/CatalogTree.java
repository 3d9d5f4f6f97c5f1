package org.credence.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * A catalog as the tree a YAML parser would hand to {@code CatalogReader.read}, with typed handles on
 * its sections so that a test can break one entry in place without casting its way down the tree.
 * The handles share structure with {@link #tree()}: changing an entry changes the tree.
 */
public final class CatalogTree {

    private final Map<String, Object> tree = new LinkedHashMap<>();
    public final Map<String, Object> scale = new LinkedHashMap<>();
    public final List<Map<String, Object>> grades = new ArrayList<>();
    public final List<Map<String, Object>> recordTypes = new ArrayList<>();
    public final List<Map<String, Object>> lists = new ArrayList<>();
    public final List<Map<String, Object>> actions = new ArrayList<>();
    public final List<Map<String, Object>> measures = new ArrayList<>();

    CatalogTree(String id, int version) {
        tree.put("id", id);
        tree.put("version", version);
        tree.put("scale", scale);
        scale.put("grades", grades);
        tree.put("record_types", recordTypes);
        tree.put("lists", lists);
        tree.put("actions", actions);
        tree.put("measures", measures);
    }

    /** The whole catalog tree; mutable, so a test may also add or remove top-level fields. */
    public Map<String, Object> tree() {
        return tree;
    }

    public Map<String, Object> recordType(String code) {
        return find(recordTypes, code);
    }

    public Map<String, Object> list(String code) {
        return find(lists, code);
    }

    public Map<String, Object> action(String code) {
        return find(actions, code);
    }

    public Map<String, Object> measure(String code) {
        return find(measures, code);
    }

    public Map<String, Object> grade(String code) {
        return find(grades, code);
    }

    /** The path the reader reports for the record type {@code code}, e.g. {@code record_types[2]}. */
    public String recordTypePath(String code) {
        return "record_types[" + indexOf(recordTypes, code) + "]";
    }

    public String listPath(String code) {
        return "lists[" + indexOf(lists, code) + "]";
    }

    public String actionPath(String code) {
        return "actions[" + indexOf(actions, code) + "]";
    }

    public String measurePath(String code) {
        return "measures[" + indexOf(measures, code) + "]";
    }

    public String gradePath(String code) {
        return "scale.grades[" + indexOf(grades, code) + "]";
    }

    /** A mutable copy of an entry, e.g. to append as a duplicate. */
    public static Map<String, Object> copy(Map<String, Object> entry) {
        return new LinkedHashMap<>(entry);
    }

    private static Map<String, Object> find(List<Map<String, Object>> section, String code) {
        return section.get(indexOf(section, code));
    }

    private static int indexOf(List<Map<String, Object>> section, String code) {
        for (int i = 0; i < section.size(); i++) {
            if (code.equals(section.get(i).get("code"))) {
                return i;
            }
        }
        throw new NoSuchElementException("no entry with code " + code);
    }
}
