package org.credence.scorecard;

import java.util.Map;

/**
 * How an attribute is said in plain words: its label ("duration of the loan"), the unit of a
 * numeric attribute ("months") and, for a categorical one, a phrase per coded value.
 */
public record AttributeWords(String label, String unit, Map<String, String> values) {
    public AttributeWords {
        unit = unit == null ? "" : unit;
        values = values == null ? Map.of() : Map.copyOf(values);
    }

    public static AttributeWords plain(String attribute) {
        return new AttributeWords(attribute.replace('_', ' '), "", Map.of());
    }

    public String value(String code) {
        return values.getOrDefault(code, code);
    }
}
