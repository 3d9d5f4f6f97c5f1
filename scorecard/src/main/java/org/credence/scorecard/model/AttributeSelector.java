package org.credence.scorecard.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.credence.scorecard.ScorecardException;

/**
 * Chooses the scorecard's attributes: first by information value, then by backward elimination on
 * the fitted model.
 *
 * <p>Why this way. The information value screen is univariate and cheap, and removes attributes that
 * could only add noise and rows to the table. What it cannot see is redundancy: two attributes
 * carrying the same evidence both pass it. The fitted model sees that, in two ways. A WoE attribute
 * whose coefficient turns negative is pointing against its own evidence, which happens only when
 * another attribute already carries it; its points would be unexplainable ("a safer bin costs
 * points"), so it goes first. Then the least significant attribute is dropped and the model refitted,
 * until every remaining attribute is significant. Dropping one at a time matters because
 * significance of the others changes as each one leaves.
 */
public final class AttributeSelector {
    private AttributeSelector() {
    }

    /**
     * @param woe        per candidate attribute, its WoE-encoded column (one value per row)
     * @param ivs        per candidate attribute, its information value
     * @param goodOutcome per row, 1 for good and 0 for bad: the model predicts log-odds of good
     */
    public static Selection select(Map<String, double[]> woe, Map<String, Double> ivs, int[] goodOutcome,
            SelectionSettings settings) {
        Map<String, SelectionOutcome> outcomes = new LinkedHashMap<>();
        List<String> kept = new ArrayList<>();
        for (String attribute : woe.keySet()) {
            double iv = ivs.get(attribute);
            if (iv < settings.minInformationValue()) {
                outcomes.put(attribute, new SelectionOutcome(attribute, iv, false, String.format(Locale.ROOT,
                        "information value %.3f is below %.3f", iv, settings.minInformationValue())));
            } else {
                kept.add(attribute);
            }
        }
        kept.sort(Comparator.comparingDouble((String a) -> -ivs.get(a)));
        while (true) {
            if (kept.isEmpty()) {
                throw new ScorecardException("no attribute carries enough information to build a scorecard");
            }
            LogisticFit fit = LogisticRegression.fit(matrix(woe, kept, goodOutcome.length), goodOutcome, settings.l2());
            int wrongSign = -1;
            int leastSignificant = -1;
            for (int j = 0; j < kept.size(); j++) {
                if (fit.coefficients()[j] <= 0 && (wrongSign < 0 || fit.z(j) < fit.z(wrongSign))) {
                    wrongSign = j;
                }
                if (leastSignificant < 0 || fit.pValue(j) > fit.pValue(leastSignificant)) {
                    leastSignificant = j;
                }
            }
            if (wrongSign >= 0) {
                String attribute = kept.remove(wrongSign);
                outcomes.put(attribute, new SelectionOutcome(attribute, ivs.get(attribute), false, String.format(
                        Locale.ROOT, "coefficient %.3f points against its own evidence (redundant with others)",
                        fit.coefficients()[wrongSign])));
            } else if (fit.pValue(leastSignificant) > settings.maxPValue()) {
                String attribute = kept.remove(leastSignificant);
                outcomes.put(attribute, new SelectionOutcome(attribute, ivs.get(attribute), false, String.format(
                        Locale.ROOT, "not significant given the others (p = %.3f > %.2f)",
                        fit.pValue(leastSignificant), settings.maxPValue())));
            } else {
                for (int j = 0; j < kept.size(); j++) {
                    String attribute = kept.get(j);
                    outcomes.put(attribute, new SelectionOutcome(attribute, ivs.get(attribute), true,
                            String.format(Locale.ROOT, "selected (p = %.4f)", fit.pValue(j))));
                }
                List<SelectionOutcome> ordered = new ArrayList<>();
                for (String attribute : woe.keySet()) {
                    ordered.add(outcomes.get(attribute));
                }
                return new Selection(kept, fit, ordered);
            }
        }
    }

    static double[][] matrix(Map<String, double[]> woe, List<String> attributes, int rows) {
        double[][] x = new double[rows][attributes.size()];
        for (int j = 0; j < attributes.size(); j++) {
            double[] column = woe.get(attributes.get(j));
            for (int i = 0; i < rows; i++) {
                x[i][j] = column[i];
            }
        }
        return x;
    }
}
