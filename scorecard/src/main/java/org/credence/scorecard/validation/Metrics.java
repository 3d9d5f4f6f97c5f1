package org.credence.scorecard.validation;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/** AUC, KS, Gini and Brier score of predicted probabilities of a bad outcome. */
public final class Metrics {
    private Metrics() {
    }

    public static ClassifierMetrics of(double[] probabilityBad, int[] bad) {
        double auc = auc(probabilityBad, bad);
        return new ClassifierMetrics(auc, ks(probabilityBad, bad), 2 * auc - 1, brier(probabilityBad, bad));
    }

    /**
     * The Mann–Whitney form of the AUC, with tied predictions sharing their average rank (a tie
     * between a bad and a good counts one half). NaN when either class is absent.
     */
    public static double auc(double[] riskiness, int[] bad) {
        int n = riskiness.length;
        Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> riskiness[i]));
        double rankSumBad = 0;
        long bads = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && riskiness[order[j + 1]] == riskiness[order[i]]) {
                j++;
            }
            double averageRank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                if (bad[order[k]] == 1) {
                    rankSumBad += averageRank;
                    bads++;
                }
            }
            i = j + 1;
        }
        long goods = n - bads;
        if (bads == 0 || goods == 0) {
            return Double.NaN;
        }
        return (rankSumBad - bads * (bads + 1) / 2.0) / ((double) bads * goods);
    }

    /** Largest distance between the cumulative distributions of bads and goods over the predictions. */
    public static double ks(double[] riskiness, int[] bad) {
        int n = riskiness.length;
        Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> riskiness[i]));
        long bads = Arrays.stream(bad).filter(v -> v == 1).count();
        long goods = n - bads;
        if (bads == 0 || goods == 0) {
            return Double.NaN;
        }
        double best = 0;
        long seenBads = 0;
        long seenGoods = 0;
        int i = 0;
        while (i < n) {
            // a threshold cannot fall between equal predictions
            double value = riskiness[order[i]];
            while (i < n && riskiness[order[i]] == value) {
                if (bad[order[i]] == 1) {
                    seenBads++;
                } else {
                    seenGoods++;
                }
                i++;
            }
            best = Math.max(best, Math.abs((double) seenGoods / goods - (double) seenBads / bads));
        }
        return best;
    }

    public static double brier(double[] probabilityBad, int[] bad) {
        double sum = 0;
        for (int i = 0; i < bad.length; i++) {
            double error = probabilityBad[i] - bad[i];
            sum += error * error;
        }
        return sum / bad.length;
    }
}
