package org.credence.scorecard.fairness;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.credence.scorecard.data.Column;
import org.credence.scorecard.data.Dataset;
import org.credence.scorecard.data.NominalColumn;
import org.credence.scorecard.data.NumericColumn;
import org.credence.scorecard.validation.Metrics;

/**
 * Computes a {@link FairnessReport}. The protected columns are read from the data set, never from
 * the scorecard, which does not have them: the point is to see what a model that never saw them
 * does to the groups they define.
 */
public final class FairnessAnalysis {
    private FairnessAnalysis() {
    }

    /**
     * @param data          the applicants, including their protected attributes
     * @param bad           observed outcome per row
     * @param scores        score per row
     * @param probabilityBad predicted probability per row
     * @param usedAttributes attributes of the scorecard (to mark a flagged attribute in use)
     * @param notes          findings to carry into the report
     */
    public static FairnessReport analyse(Dataset data, int[] bad, int[] scores, double[] probabilityBad, int cutoff,
            List<FairnessView> views, List<String> usedAttributes, List<String> notes) {
        int approved = 0;
        for (int score : scores) {
            if (score >= cutoff) {
                approved++;
            }
        }
        List<ViewReport> reports = new ArrayList<>();
        for (FairnessView view : views) {
            Optional<Column> column = data.find(view.attribute());
            if (column.isEmpty()) {
                continue;
            }
            String[] groupOf = groups(column.get(), view.grouping());
            reports.add(view(view, groupOf, bad, scores, probabilityBad, cutoff,
                    usedAttributes.contains(view.attribute())));
        }
        return new FairnessReport(cutoff, scores.length, scores.length == 0 ? 0 : (double) approved / scores.length,
                reports, notes);
    }

    private static ViewReport view(FairnessView view, String[] groupOf, int[] bad, int[] scores,
            double[] probabilityBad, int cutoff, boolean used) {
        Map<String, List<Integer>> members = new TreeMap<>(order(view.grouping()));
        for (int row = 0; row < groupOf.length; row++) {
            if (groupOf[row] != null) {
                members.computeIfAbsent(groupOf[row], g -> new ArrayList<>()).add(row);
            }
        }
        Map<String, Tally> tallies = new LinkedHashMap<>();
        double highestRate = 0;
        for (var entry : members.entrySet()) {
            Tally tally = Tally.of(entry.getValue(), bad, scores, cutoff);
            tallies.put(entry.getKey(), tally);
            highestRate = Math.max(highestRate, tally.approvalRate());
        }
        List<GroupOutcome> groups = new ArrayList<>();
        double lowest = 1.0;
        for (var entry : members.entrySet()) {
            Tally tally = tallies.get(entry.getKey());
            double ratio = highestRate == 0 ? 1.0 : tally.approvalRate() / highestRate;
            lowest = Math.min(lowest, ratio);
            groups.add(new GroupOutcome(entry.getKey(), entry.getValue().size(), tally.approved(),
                    tally.approvalRate(), tally.badRate(), tally.meanScore(),
                    auc(entry.getValue(), bad, probabilityBad), ratio, ratio < FairnessReport.FOUR_FIFTHS));
        }
        return new ViewReport(view.title(), view.attribute(), used, groups, lowest, lowest >= FairnessReport.FOUR_FIFTHS);
    }

    private record Tally(int approved, double approvalRate, double badRate, double meanScore) {
        static Tally of(List<Integer> rows, int[] bad, int[] scores, int cutoff) {
            int approved = 0;
            int bads = 0;
            double scoreSum = 0;
            for (int row : rows) {
                approved += scores[row] >= cutoff ? 1 : 0;
                bads += bad[row];
                scoreSum += scores[row];
            }
            return new Tally(approved, (double) approved / rows.size(), (double) bads / rows.size(),
                    scoreSum / rows.size());
        }
    }

    /** Bands in ascending order; other groups alphabetically. */
    private static Comparator<String> order(Grouping grouping) {
        if (grouping instanceof Grouping.ByBands bands) {
            List<String> labels = new ArrayList<>();
            labels.add(band(Double.NEGATIVE_INFINITY, bands));
            for (double edge : bands.edges()) {
                labels.add(band(edge, bands));
            }
            return Comparator.comparingInt(labels::indexOf);
        }
        return Comparator.naturalOrder();
    }

    private static Double auc(List<Integer> rows, int[] bad, double[] probabilityBad) {
        double[] p = new double[rows.size()];
        int[] y = new int[rows.size()];
        for (int i = 0; i < p.length; i++) {
            p[i] = probabilityBad[rows.get(i)];
            y[i] = bad[rows.get(i)];
        }
        double auc = Metrics.auc(p, y);
        return Double.isNaN(auc) ? null : auc;
    }

    /** The group of each row under a grouping; null where the value is missing or unmapped. */
    static String[] groups(Column column, Grouping grouping) {
        String[] result = new String[column.size()];
        for (int row = 0; row < result.length; row++) {
            result[row] = switch (grouping) {
                case Grouping.ByValue byValue -> value(column, row);
                case Grouping.ByMapping mapping -> {
                    String value = value(column, row);
                    yield value == null ? null : mapping.groupOf().get(value);
                }
                case Grouping.ByBands bands -> column instanceof NumericColumn numeric && !numeric.isMissing(row)
                        ? band(numeric.value(row), bands)
                        : null;
            };
        }
        return result;
    }

    private static String value(Column column, int row) {
        return switch (column) {
            case NominalColumn nominal -> nominal.valueAt(row);
            case NumericColumn numeric -> numeric.isMissing(row) ? null : number(numeric.value(row));
        };
    }

    private static String band(double value, Grouping.ByBands bands) {
        List<Double> edges = bands.edges();
        String unit = bands.unit().isEmpty() ? "" : " " + bands.unit();
        if (value < edges.get(0)) {
            return "under " + number(edges.get(0)) + unit;
        }
        for (int i = 1; i < edges.size(); i++) {
            if (value < edges.get(i)) {
                return number(edges.get(i - 1)) + " to under " + number(edges.get(i)) + unit;
            }
        }
        return number(edges.get(edges.size() - 1)) + unit + " and over";
    }

    private static String number(double value) {
        return new BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
    }
}
