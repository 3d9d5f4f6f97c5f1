package org.credence.scorecard;

import java.util.Map;

/**
 * How an attribute is said in plain words: its label ("duration of the loan"), the unit of a
 * numeric attribute ("months"), for a categorical one a phrase per coded value, and optionally a
 * template for a numeric range where "label range unit" reads badly ("instalment burden on income
 * in band {range} (of 1 to 4)").
 */
public record AttributeWords(String label, String unit, Map<String, String> values, String template) {
    public AttributeWords {
        unit = unit == null ? "" : unit;
        values = values == null ? Map.of() : Map.copyOf(values);
        template = template == null ? "" : template;
    }

    public static AttributeWords plain(String attribute) {
        return new AttributeWords(attribute.replace('_', ' '), "", Map.of(), "");
    }

    public String value(String code) {
        return values.getOrDefault(code, code);
    }
}
