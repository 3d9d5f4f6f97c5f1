package org.credence.scorecard.binning;

import java.util.ArrayList;
import java.util.List;

/**
 * The three merging steps shared by numeric and categorical binning. Each merges only neighbours
 * in a given order (numeric value, or bad rate for categories), so each keeps the order meaningful
 * and none can undo the monotonicity established by {@link #monotone}.
 */
final class AdjacentMerging {
    private AdjacentMerging() {
    }

    /**
     * Pool-adjacent-violators: merges neighbours until the bad rate strictly rises (or strictly
     * falls) along the runs. The result is the finest monotone coarsening of the input.
     */
    static List<Run> monotone(List<Run> runs, boolean badRateRising) {
        List<Run> stack = new ArrayList<>(runs.size());
        for (Run run : runs) {
            stack.add(run);
            while (stack.size() >= 2) {
                Run previous = stack.get(stack.size() - 2);
                Run last = stack.get(stack.size() - 1);
                int order = previous.compareBadRate(last);
                boolean violates = badRateRising ? order >= 0 : order <= 0;
                if (!violates) {
                    break;
                }
                stack.remove(stack.size() - 1);
                stack.set(stack.size() - 1, previous.merge(last));
            }
        }
        return stack;
    }

    /**
     * Folds every run smaller than {@code minCount} into the neighbour whose bad rate is closest,
     * smallest run first, so no bin's WoE rests on a handful of applicants.
     */
    static List<Run> mergeSparse(List<Run> input, int minCount) {
        List<Run> runs = new ArrayList<>(input);
        while (runs.size() > 1) {
            int smallest = -1;
            for (int i = 0; i < runs.size(); i++) {
                if (runs.get(i).total() < minCount && (smallest < 0 || runs.get(i).total() < runs.get(smallest).total())) {
                    smallest = i;
                }
            }
            if (smallest < 0) {
                break;
            }
            int partner;
            if (smallest == 0) {
                partner = 1;
            } else if (smallest == runs.size() - 1) {
                partner = smallest - 1;
            } else {
                double rate = runs.get(smallest).badRate();
                double left = Math.abs(runs.get(smallest - 1).badRate() - rate);
                double right = Math.abs(runs.get(smallest + 1).badRate() - rate);
                partner = left <= right ? smallest - 1 : smallest + 1;
            }
            mergePair(runs, Math.min(smallest, partner));
        }
        return runs;
    }

    /**
     * ChiMerge: while there are more than {@code maxBins} runs, or two neighbours whose outcomes do
     * not differ significantly (chi-square below {@code criticalChiSquare}), merges the most similar
     * pair of neighbours.
     */
    static List<Run> chiMerge(List<Run> input, int maxBins, double criticalChiSquare) {
        List<Run> runs = new ArrayList<>(input);
        while (runs.size() > 1) {
            int best = 0;
            double bestChi = Double.POSITIVE_INFINITY;
            for (int i = 0; i + 1 < runs.size(); i++) {
                double chi = chiSquare(runs.get(i), runs.get(i + 1));
                if (chi < bestChi) {
                    bestChi = chi;
                    best = i;
                }
            }
            if (runs.size() <= maxBins && bestChi >= criticalChiSquare) {
                break;
            }
            mergePair(runs, best);
        }
        return runs;
    }

    /** Pearson's chi-square of the 2x2 table (goods, bads) x (a, b); empty columns contribute nothing. */
    static double chiSquare(Run a, Run b) {
        double total = a.total() + b.total();
        if (total == 0) {
            return 0.0;
        }
        double goods = a.goods() + b.goods();
        double bads = a.bads() + b.bads();
        return cell(a.goods(), a.total() * goods / total)
                + cell(a.bads(), a.total() * bads / total)
                + cell(b.goods(), b.total() * goods / total)
                + cell(b.bads(), b.total() * bads / total);
    }

    private static double cell(double observed, double expected) {
        return expected == 0 ? 0.0 : (observed - expected) * (observed - expected) / expected;
    }

    private static void mergePair(List<Run> runs, int left) {
        runs.set(left, runs.get(left).merge(runs.get(left + 1)));
        runs.remove(left + 1);
    }
}
