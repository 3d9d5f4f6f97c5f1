package org.credence.scorecard.fairness;

import java.util.List;
import java.util.Map;

/** One way of grouping applicants by a protected attribute, with a title for the report. */
public record FairnessView(String title, String attribute, Grouping grouping) {

    /**
     * The standard views: personal_status per category and by the sex it records, foreign_worker,
     * and age in bands (25 is the boundary most studies of this data set use for "young").
     */
    public static List<FairnessView> standard() {
        return List.of(
                new FairnessView("sex and marital status", "personal_status", new Grouping.ByValue()),
                new FairnessView("sex (from personal_status)", "personal_status", new Grouping.ByMapping(Map.of(
                        "male div/sep", "male",
                        "male single", "male",
                        "male mar/wid", "male",
                        "female div/dep/mar", "female",
                        "female single", "female"))),
                new FairnessView("foreign worker", "foreign_worker", new Grouping.ByValue()),
                new FairnessView("age", "age", new Grouping.ByBands(List.of(25.0, 40.0, 60.0), "years")));
    }
}
