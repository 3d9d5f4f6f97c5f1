package org.credence.scorecard.binning;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.credence.scorecard.data.NumericColumn;

/**
 * Supervised binning of a numeric attribute into a few ranges whose bad rate is monotonic.
 *
 * <p>Why this way. A scorecard row must make sense to the applicant it is read to: "a longer loan
 * costs points" is a rule a person can accept and act on, while a zig-zag (12–17 months bad,
 * 18–23 good, 24–29 bad) is noise fitted to a thousand applicants. So the bins are made monotone in
 * bad rate, and they are made so by merging, never by moving cut points, which keeps every step
 * exact and deterministic:
 * <ol>
 *   <li>fine classing: about {@code fineClasses} equal-frequency classes, cut only between distinct
 *       values so equal values never straddle a bin edge;</li>
 *   <li>pool-adjacent-violators, once assuming the bad rate rises with the value and once assuming it
 *       falls; of the two monotone results the one with the higher information value wins, so the
 *       data chooses the direction;</li>
 *   <li>bins below the minimum share are folded into their closer neighbour, so no WoE rests on a
 *       handful of people;</li>
 *   <li>ChiMerge: neighbours whose outcomes do not differ significantly are merged, and merging goes
 *       on until at most {@code maxBins} remain.</li>
 * </ol>
 * Each step merges neighbours only, so monotonicity survives steps 3 and 4. An attribute with no
 * monotone signal ends as one bin with an information value of zero, and attribute selection drops it:
 * that is what "monotonic where the data allows" amounts to.
 *
 * <p>Edges are stored as the lowest value of the upper bin, so a bin is {@code [from, to)} and the
 * outer bins are open, covering values never seen in training.
 */
public final class NumericBinner {
    private NumericBinner() {
    }

    public static AttributeBinning bin(NumericColumn column, int[] bad, BinningSettings settings) {
        int rows = column.size();
        int minCount = settings.minCount(rows);
        int present = 0;
        int missingGoods = 0;
        int missingBads = 0;
        for (int row = 0; row < rows; row++) {
            if (column.isMissing(row)) {
                if (bad[row] == 1) {
                    missingBads++;
                } else {
                    missingGoods++;
                }
            } else {
                present++;
            }
        }
        BinCounts missing = new BinCounts(missingGoods, missingBads);
        if (present == 0) {
            return BinningAssembly.assemble(column.name(), List.of(), List.of(), missing, minCount);
        }
        double[] values = new double[present];
        int[] outcome = new int[present];
        sortedByValue(column, bad, values, outcome);

        List<Double> fineLower = new ArrayList<>();
        List<Run> fine = fineClasses(values, outcome, settings.fineClasses(), fineLower);
        double critical = BinningAssembly.criticalChiSquare(settings.mergeSignificance());
        List<Run> rising = coarsen(fine, true, minCount, settings.maxBins(), critical);
        List<Run> falling = coarsen(fine, false, minCount, settings.maxBins(), critical);
        double risingIv = WeightOfEvidence.of(BinningAssembly.counts(rising)).informationValue();
        double fallingIv = WeightOfEvidence.of(BinningAssembly.counts(falling)).informationValue();
        List<Run> chosen = risingIv > fallingIv ? rising : falling;

        List<Bin> bins = new ArrayList<>(chosen.size());
        for (int i = 0; i < chosen.size(); i++) {
            Run run = chosen.get(i);
            Double from = i == 0 ? null : fineLower.get(run.first());
            Double to = i == chosen.size() - 1 ? null : fineLower.get(run.last() + 1);
            bins.add(new Bin.Interval(from, to));
        }
        return BinningAssembly.assemble(column.name(), bins, BinningAssembly.counts(chosen), missing, minCount);
    }

    private static List<Run> coarsen(List<Run> fine, boolean rising, int minCount, int maxBins, double critical) {
        List<Run> runs = AdjacentMerging.monotone(fine, rising);
        runs = AdjacentMerging.mergeSparse(runs, minCount);
        return AdjacentMerging.chiMerge(runs, maxBins, critical);
    }

    private static void sortedByValue(NumericColumn column, int[] bad, double[] values, int[] outcome) {
        int rows = column.size();
        Integer[] order = new Integer[values.length];
        int k = 0;
        for (int row = 0; row < rows; row++) {
            if (!column.isMissing(row)) {
                order[k++] = row;
            }
        }
        Arrays.sort(order, (a, b) -> Double.compare(column.value(a), column.value(b)));
        for (int i = 0; i < order.length; i++) {
            values[i] = column.value(order[i]);
            outcome[i] = bad[order[i]];
        }
    }

    /**
     * Cuts the sorted values into runs of at least {@code rows / fineClasses} rows, closing a run only
     * where the value changes. {@code lowerBounds} receives each run's smallest value.
     */
    private static List<Run> fineClasses(double[] values, int[] outcome, int fineClasses, List<Double> lowerBounds) {
        int target = Math.max(1, (int) Math.ceil((double) values.length / fineClasses));
        List<Run> runs = new ArrayList<>();
        int start = 0;
        int goods = 0;
        int bads = 0;
        for (int i = 0; i < values.length; i++) {
            if (outcome[i] == 1) {
                bads++;
            } else {
                goods++;
            }
            boolean valueChangesNext = i + 1 == values.length || values[i + 1] != values[i];
            if (valueChangesNext && (i + 1 - start >= target || i + 1 == values.length)) {
                lowerBounds.add(values[start]);
                runs.add(new Run(runs.size(), runs.size(), goods, bads));
                start = i + 1;
                goods = 0;
                bads = 0;
            }
        }
        return runs;
    }
}
