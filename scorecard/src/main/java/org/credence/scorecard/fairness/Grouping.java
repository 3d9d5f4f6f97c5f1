package org.credence.scorecard.fairness;

import java.util.List;
import java.util.Map;

/** How the applicants are split into groups for one view of a protected attribute. */
public sealed interface Grouping permits Grouping.ByValue, Grouping.ByMapping, Grouping.ByBands {

    /** One group per category. */
    record ByValue() implements Grouping {
    }

    /** Categories mapped to coarser groups (for example, the sex recorded inside personal_status). */
    record ByMapping(Map<String, String> groupOf) implements Grouping {
        public ByMapping {
            groupOf = Map.copyOf(groupOf);
        }
    }

    /** Numeric bands: under edges[0], edges[0] to under edges[1], ..., edges[last] and over. */
    record ByBands(List<Double> edges, String unit) implements Grouping {
        public ByBands {
            edges = List.copyOf(edges);
        }
    }
}
