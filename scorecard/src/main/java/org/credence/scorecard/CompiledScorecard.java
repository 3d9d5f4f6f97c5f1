package org.credence.scorecard;

import java.util.List;
import org.credence.scorecard.binning.Bin;

/**
 * A scorecard laid out in flat arrays for scoring at volume.
 *
 * <p>An applicant is presented as one {@code double} per scorecard attribute, in the order of
 * {@link Scorecard#attributes()}: the value of a numeric attribute, or for a nominal one the index
 * of its category in {@link ScorecardAttribute#categories()} (negative or NaN for missing or
 * unknown). {@link ApplicantEncoder} builds these rows from a data set. Scoring, bin lookup and
 * reason codes then touch only primitive arrays and allocate nothing; instances are immutable and
 * may be shared between threads.
 */
public final class CompiledScorecard {
    private final int attributes;
    private final int minScore;
    private final int maxScore;
    private final boolean[] numeric;
    /** For numeric attributes, the lower edges of interval bins 1..k-1 (bin 0 is open below). */
    private final double[][] lowerEdges;
    /** For nominal attributes, the bin of each dictionary category. */
    private final int[][] binOfCategory;
    private final int[] otherBin;
    private final int[][] points;
    private final double[][] logOdds;
    private final int[] bestPoints;

    CompiledScorecard(Scorecard scorecard) {
        List<ScorecardAttribute> list = scorecard.attributes();
        attributes = list.size();
        minScore = scorecard.scale().minScore();
        maxScore = scorecard.scale().maxScore();
        numeric = new boolean[attributes];
        lowerEdges = new double[attributes][];
        binOfCategory = new int[attributes][];
        otherBin = new int[attributes];
        points = new int[attributes][];
        logOdds = new double[attributes][];
        bestPoints = new int[attributes];
        double sharedIntercept = scorecard.intercept() / attributes;
        for (int j = 0; j < attributes; j++) {
            ScorecardAttribute attribute = list.get(j);
            List<ScorecardBin> bins = attribute.bins();
            numeric[j] = attribute.kind() == ScorecardAttribute.Kind.NUMERIC;
            otherBin[j] = attribute.otherIndex();
            points[j] = bins.stream().mapToInt(ScorecardBin::points).toArray();
            logOdds[j] = bins.stream().mapToDouble(b -> attribute.coefficient() * b.woe() + sharedIntercept).toArray();
            bestPoints[j] = attribute.bestPoints();
            if (numeric[j]) {
                lowerEdges[j] = new double[Math.max(0, otherBin[j] - 1)];
                for (int b = 1; b < otherBin[j]; b++) {
                    lowerEdges[j][b - 1] = ((Bin.Interval) bins.get(b).bin()).lower();
                }
            } else {
                int[] map = new int[attribute.categories().size()];
                int code = 0;
                for (int b = 0; b < bins.size(); b++) {
                    if (bins.get(b).bin() instanceof Bin.Categories group) {
                        for (int k = 0; k < group.values().size(); k++) {
                            map[code++] = b;
                        }
                    }
                }
                binOfCategory[j] = map;
            }
        }
    }

    public int attributes() {
        return attributes;
    }

    /** The bin of attribute j for a presented value (see the class comment for the encoding). */
    public int binOf(int j, double value) {
        if (value != value) {
            return otherBin[j];
        }
        if (numeric[j]) {
            double[] edges = lowerEdges[j];
            int bin = 0;
            while (bin < edges.length && value >= edges[bin]) {
                bin++;
            }
            return bin;
        }
        int[] map = binOfCategory[j];
        int code = (int) value;
        return code >= 0 && code < map.length && code == value ? map[code] : otherBin[j];
    }

    /** Fills {@code bins} with the bin of each attribute of an applicant. */
    public void assignBins(double[] applicant, int[] bins) {
        for (int j = 0; j < attributes; j++) {
            bins[j] = binOf(j, applicant[j]);
        }
    }

    /** The score: the sum of the applicant's points, clamped to the scale. */
    public int score(int[] bins) {
        int sum = 0;
        for (int j = 0; j < attributes; j++) {
            sum += points[j][bins[j]];
        }
        return clamp(sum);
    }

    /** The score straight from presented values, without a bins array. */
    public int scoreValues(double[] applicant) {
        int sum = 0;
        for (int j = 0; j < attributes; j++) {
            sum += points[j][binOf(j, applicant[j])];
        }
        return clamp(sum);
    }

    /** The model's probability of a bad outcome, from the unrounded log-odds. */
    public double probabilityBad(int[] bins) {
        double sum = 0;
        for (int j = 0; j < attributes; j++) {
            sum += logOdds[j][bins[j]];
        }
        return 1.0 / (1.0 + Math.exp(sum));
    }

    /** Points the applicant lost on attribute j against that attribute's best bin. */
    public int pointsLost(int j, int bin) {
        return bestPoints[j] - points[j][bin];
    }

    /**
     * Writes into {@code reasons} the attributes that cost the applicant most points against their
     * best bins, largest loss first (ties: the stronger attribute, which comes first), skipping
     * attributes with no loss. Returns how many were written, at most {@code reasons.length}.
     */
    public int reasons(int[] bins, int[] reasons) {
        int found = 0;
        for (int j = 0; j < attributes; j++) {
            int loss = pointsLost(j, bins[j]);
            if (loss <= 0) {
                continue;
            }
            int at = found < reasons.length ? found : reasons.length;
            while (at > 0 && pointsLost(reasons[at - 1], bins[reasons[at - 1]]) < loss) {
                at--;
            }
            if (at >= reasons.length) {
                continue;
            }
            int end = Math.min(found, reasons.length - 1);
            System.arraycopy(reasons, at, reasons, at + 1, end - at);
            reasons[at] = j;
            if (found < reasons.length) {
                found++;
            }
        }
        return found;
    }

    private int clamp(int sum) {
        return sum < minScore ? minScore : Math.min(sum, maxScore);
    }
}
