package org.credence.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.credence.formats.Json;

/**
 * Chart data as JSON for a {@code data-chart} attribute, which the page's script hands to the chart
 * library. Data travels in an attribute (escaped like any other) rather than in an inline script, so
 * the pages can forbid inline script altogether.
 */
final class Charts {

    private Charts() {
    }

    static String bars(List<String> labels, List<Integer> values) {
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("type", "bar");
        chart.put("labels", labels);
        chart.put("values", values);
        return Json.write(chart);
    }

    /** Points over time as a stepped line: each step holds until the next day a record stops counting. */
    static String timeline(List<SubjectPortal.Step> steps) {
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("type", "steps");
        chart.put("labels", steps.stream().map(s -> s.from().toString()).toList());
        chart.put("values", steps.stream().map(SubjectPortal.Step::points).toList());
        return Json.write(chart);
    }
}
