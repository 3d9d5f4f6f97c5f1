package org.credence.scorecard.binning;

import java.util.List;

/**
 * One row of a scorecard attribute: a range of a numeric attribute, a group of categories, or
 * the bin for values that are missing or were never seen in training.
 */
public sealed interface Bin permits Bin.Interval, Bin.Categories, Bin.Other {

    /** Values {@code from <= x < to}; a null bound is open (minus or plus infinity). */
    record Interval(Double from, Double to) implements Bin {
        public double lower() {
            return from == null ? Double.NEGATIVE_INFINITY : from;
        }

        public double upper() {
            return to == null ? Double.POSITIVE_INFINITY : to;
        }

        public boolean contains(double x) {
            return x >= lower() && x < upper();
        }
    }

    /** A group of categories with similar bad rates, sparse ones folded into a neighbour. */
    record Categories(List<String> values) implements Bin {
        public Categories {
            values = List.copyOf(values);
        }
    }

    /**
     * Missing values and categories absent from training. If training saw enough of them, they
     * have their own weight of evidence; otherwise they get the least favourable one of the
     * attribute, so that withholding a value can never raise a score.
     */
    record Other() implements Bin {
    }
}
