package org.credence.scorecard;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.credence.scorecard.binning.AttributeBinning;
import org.credence.scorecard.binning.BinAssignment;
import org.credence.scorecard.binning.BinStatistics;
import org.credence.scorecard.binning.Binner;
import org.credence.scorecard.data.Column;
import org.credence.scorecard.data.LabelledDataset;
import org.credence.scorecard.data.NumericColumn;
import org.credence.scorecard.model.AttributeSelector;
import org.credence.scorecard.model.LogisticFit;
import org.credence.scorecard.model.Selection;
import org.credence.scorecard.scaling.PointsAllocation;

/**
 * Trains a scorecard: bins every candidate attribute, encodes it by weight of evidence, selects
 * attributes while fitting the logistic regression, and turns the fit into points. Protected
 * attributes are removed before binning, so they cannot influence any step, not even the bins.
 */
public final class ScorecardTrainer {
    private ScorecardTrainer() {
    }

    public static Scorecard train(LabelledDataset data, TrainingSpec spec) {
        String source = data.features().source();
        List<String> candidates = spec.candidates(data.featureNames(), source);
        int[] bad = data.bad();
        int[] good = new int[bad.length];
        for (int i = 0; i < bad.length; i++) {
            good[i] = 1 - bad[i];
        }
        Map<String, AttributeBinning> binnings = new LinkedHashMap<>();
        Map<String, double[]> woe = new LinkedHashMap<>();
        Map<String, Double> ivs = new LinkedHashMap<>();
        for (String name : candidates) {
            Column column = data.features().column(name);
            AttributeBinning binning = Binner.bin(column, bad, spec.binning());
            binnings.put(name, binning);
            woe.put(name, encode(binning, column));
            ivs.put(name, binning.informationValue());
        }
        Selection selection = AttributeSelector.select(woe, ivs, good, spec.selection());
        LogisticFit fit = selection.fit();
        int count = selection.selected().size();
        List<ScorecardAttribute> attributes = new ArrayList<>(count);
        for (int j = 0; j < count; j++) {
            String name = selection.selected().get(j);
            Column column = data.features().column(name);
            AttributeWords words = spec.vocabulary().words(name);
            boolean integral = isIntegral(column);
            List<ScorecardBin> bins = new ArrayList<>();
            for (BinStatistics statistics : binnings.get(name).bins()) {
                int points = PointsAllocation.points(spec.scale(), fit.intercept(), count, fit.coefficients()[j],
                        statistics.woe());
                bins.add(new ScorecardBin(statistics.bin(), BinPhrases.phrase(words, statistics.bin(), integral),
                        statistics.goods(), statistics.bads(), statistics.woe(), points));
            }
            attributes.add(new ScorecardAttribute(name, words.label(),
                    column instanceof NumericColumn ? ScorecardAttribute.Kind.NUMERIC : ScorecardAttribute.Kind.NOMINAL,
                    binnings.get(name).informationValue(), fit.coefficients()[j], fit.standardErrors()[j],
                    fit.pValue(j), ProtectedAttributes.isFlagged(name), bins));
        }
        List<String> protectedLeftOut = data.featureNames().stream().filter(ProtectedAttributes::isExcluded).toList();
        TrainingSummary summary = new TrainingSummary(source, data.rows(), data.bads(), selection.outcomes(),
                protectedLeftOut, null);
        return new Scorecard(Scorecard.FORMAT_VERSION, data.target(), data.badLabel(), data.goodLabel(), spec.scale(),
                fit.intercept(), attributes, summary);
    }

    private static double[] encode(AttributeBinning binning, Column column) {
        int[] bins = BinAssignment.indices(binning, column);
        double[] woes = binning.woes();
        double[] encoded = new double[bins.length];
        for (int i = 0; i < bins.length; i++) {
            encoded[i] = woes[bins[i]];
        }
        return encoded;
    }

    private static boolean isIntegral(Column column) {
        if (!(column instanceof NumericColumn numeric)) {
            return false;
        }
        for (double value : numeric.values()) {
            if (!Double.isNaN(value) && value != Math.rint(value)) {
                return false;
            }
        }
        return true;
    }
}
