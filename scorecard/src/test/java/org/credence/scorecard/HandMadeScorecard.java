package org.credence.scorecard;

import java.util.ArrayList;
import java.util.List;
import org.credence.scorecard.binning.Bin;
import org.credence.scorecard.scaling.ScoreScale;

/**
 * A small scorecard written by hand, so that scores and reasons can be worked out on paper.
 *
 * <pre>
 * duration (months)  under 12: 160   12–23: 140   24+: 110   other: 110
 * checking           none: 170       below 0 or 0–199: 120     other: 120
 * age (years)        under 25: 130   25+: 150     other: 130
 * savings            high: 145       low: 135     other: 135
 * housing            own: 150        rent or free: 141         other: 141
 * </pre>
 */
final class HandMadeScorecard {
    private HandMadeScorecard() {
    }

    static Scorecard build() {
        List<ScorecardAttribute> attributes = List.of(
                numeric("duration", "duration of the loan", new double[] {12, 24}, new int[] {160, 140, 110}, "months"),
                nominal("checking", "checking account", List.of(List.of("none"), List.of("<0", "0-199")), new int[] {170, 120}),
                numeric("age", "age", new double[] {25}, new int[] {130, 150}, "years"),
                nominal("savings", "savings", List.of(List.of("high"), List.of("low")), new int[] {145, 135}),
                nominal("housing", "housing", List.of(List.of("own"), List.of("rent", "free")), new int[] {150, 141}));
        return new Scorecard(Scorecard.FORMAT_VERSION, "class", "bad", "good", ScoreScale.STANDARD, 0.9, attributes,
                new TrainingSummary("hand", 0, 0, List.of(), List.of(), null));
    }

    private static ScorecardAttribute numeric(String name, String label, double[] edges, int[] points, String unit) {
        List<ScorecardBin> bins = new ArrayList<>();
        for (int i = 0; i <= edges.length; i++) {
            Bin.Interval interval = new Bin.Interval(i == 0 ? null : edges[i - 1], i == edges.length ? null : edges[i]);
            bins.add(bin(interval, label + " " + describe(interval) + " " + unit, i, points[i]));
        }
        int worst = points[0] < points[points.length - 1] ? points[0] : points[points.length - 1];
        bins.add(bin(new Bin.Other(), label + " not given", 9, worst));
        return new ScorecardAttribute(name, label, ScorecardAttribute.Kind.NUMERIC, 0.1, 0.8, 0.1, 0.001, false, bins);
    }

    private static ScorecardAttribute nominal(String name, String label, List<List<String>> groups, int[] points) {
        List<ScorecardBin> bins = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            bins.add(bin(new Bin.Categories(groups.get(i)), label + ": " + String.join(" or ", groups.get(i)), i, points[i]));
        }
        bins.add(bin(new Bin.Other(), label + " not given", 9, points[points.length - 1]));
        return new ScorecardAttribute(name, label, ScorecardAttribute.Kind.NOMINAL, 0.1, 0.8, 0.1, 0.001, false, bins);
    }

    /** WoE values are arbitrary but distinct, so the probability can be checked against them. */
    private static ScorecardBin bin(Bin bin, String phrase, int index, int points) {
        return new ScorecardBin(bin, phrase, 10, 10, 0.5 - 0.25 * index, points);
    }

    private static String describe(Bin.Interval interval) {
        if (interval.from() == null) {
            return "under " + interval.to().intValue();
        }
        return interval.to() == null ? interval.from().intValue() + "+" : interval.from().intValue() + "–" + (interval.to().intValue() - 1);
    }
}
