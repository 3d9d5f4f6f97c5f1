package org.credence.scorecard.validation;

import java.util.Random;

/**
 * Assigns rows to k folds so that each fold has (within one) the same number of bads and of goods.
 * The bads are shuffled and dealt round-robin, then the goods, continuing the deal, with a
 * {@link Random} seeded by the caller: the same seed gives the same folds on every JVM, which is
 * what lets two models be compared on identical folds.
 */
public final class StratifiedFolds {
    private StratifiedFolds() {
    }

    public static int[] assign(int[] bad, int folds, long seed) {
        if (folds < 2) {
            throw new IllegalArgumentException("cross-validation needs at least two folds");
        }
        int bads = 0;
        for (int value : bad) {
            bads += value;
        }
        int[] badRows = new int[bads];
        int[] goodRows = new int[bad.length - bads];
        int b = 0;
        int g = 0;
        for (int row = 0; row < bad.length; row++) {
            if (bad[row] == 1) {
                badRows[b++] = row;
            } else {
                goodRows[g++] = row;
            }
        }
        Random random = new Random(seed);
        shuffle(badRows, random);
        shuffle(goodRows, random);
        int[] fold = new int[bad.length];
        int dealt = 0;
        for (int row : badRows) {
            fold[row] = dealt++ % folds;
        }
        for (int row : goodRows) {
            fold[row] = dealt++ % folds;
        }
        return fold;
    }

    /** Rows in the given fold (test) or not in it (training), in ascending order. */
    public static int[] rows(int[] fold, int which, boolean inFold) {
        int count = 0;
        for (int f : fold) {
            if ((f == which) == inFold) {
                count++;
            }
        }
        int[] rows = new int[count];
        int k = 0;
        for (int row = 0; row < fold.length; row++) {
            if ((fold[row] == which) == inFold) {
                rows[k++] = row;
            }
        }
        return rows;
    }

    private static void shuffle(int[] values, Random random) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = values[i];
            values[i] = values[j];
            values[j] = swap;
        }
    }
}
