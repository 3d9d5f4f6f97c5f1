package org.credence.scorecard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.credence.scorecard.data.Column;
import org.credence.scorecard.data.LabelledDataset;
import org.credence.scorecard.data.NominalColumn;
import org.credence.scorecard.data.NumericColumn;
import org.credence.scorecard.validation.Metrics;
import org.credence.scorecard.validation.StratifiedFolds;
import org.junit.jupiter.api.Test;
import weka.classifiers.functions.Logistic;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instance;
import weka.core.Instances;

/**
 * Compares the scorecard with Weka's Logistic (ridge logistic regression on the raw attributes,
 * nominal ones as indicator variables) on the same ten stratified folds of credit-g, both without
 * the protected attributes. The scorecard gives up some flexibility for interpretability (a dozen
 * attributes, a few bins each, whole points); this test bounds what that costs.
 */
class WekaComparisonTest {
    private static final int FOLDS = 10;
    private static final long SEED = 42;

    @Test
    void theScorecardIsAsGoodAsWekaLogisticOnTheSameFolds() throws Exception {
        LabelledDataset data = CreditG.labelled();
        TrainingSpec spec = TrainingSpec.standard();
        List<String> attributes = spec.candidates(data.featureNames(), "credit-g");

        double ours = CrossValidation.run(data, spec, FOLDS, SEED).result().mean().auc();
        double weka = wekaMeanAuc(data, attributes);

        System.out.printf(Locale.ROOT, "credit-g, stratified %d-fold CV (seed %d), mean AUC of folds:"
                + " scorecard %.4f, Weka Logistic %.4f%n", FOLDS, SEED, ours, weka);
        assertThat(ours).isGreaterThanOrEqualTo(0.78);
        assertThat(weka).isGreaterThan(0.7);
        assertThat(ours).isGreaterThanOrEqualTo(weka - 0.02);
    }

    private static double wekaMeanAuc(LabelledDataset data, List<String> attributes) throws Exception {
        Instances all = instances(data, attributes);
        int[] fold = StratifiedFolds.assign(data.bad(), FOLDS, SEED);
        double sum = 0;
        for (int k = 0; k < FOLDS; k++) {
            Instances train = new Instances(all, 0);
            for (int row : StratifiedFolds.rows(fold, k, false)) {
                train.add(all.get(row));
            }
            Logistic logistic = new Logistic();
            logistic.buildClassifier(train);
            int[] test = StratifiedFolds.rows(fold, k, true);
            double[] probabilityBad = new double[test.length];
            int[] bad = new int[test.length];
            int badIndex = all.classAttribute().indexOfValue("bad");
            for (int i = 0; i < test.length; i++) {
                probabilityBad[i] = logistic.distributionForInstance(all.get(test[i]))[badIndex];
                bad[i] = data.bad()[test[i]];
            }
            sum += Metrics.auc(probabilityBad, bad);
        }
        return sum / FOLDS;
    }

    private static Instances instances(LabelledDataset data, List<String> names) {
        ArrayList<Attribute> attributes = new ArrayList<>();
        List<Column> columns = new ArrayList<>();
        for (String name : names) {
            Column column = data.features().column(name);
            columns.add(column);
            attributes.add(column instanceof NominalColumn nominal
                    ? new Attribute(name, new ArrayList<>(nominal.categories()))
                    : new Attribute(name));
        }
        attributes.add(new Attribute("class", new ArrayList<>(List.of(data.goodLabel(), data.badLabel()))));
        Instances instances = new Instances("credit-g", attributes, data.rows());
        instances.setClassIndex(attributes.size() - 1);
        for (int row = 0; row < data.rows(); row++) {
            double[] values = new double[attributes.size()];
            for (int j = 0; j < columns.size(); j++) {
                values[j] = switch (columns.get(j)) {
                    case NominalColumn nominal -> nominal.isMissing(row) ? Double.NaN : nominal.code(row);
                    case NumericColumn numeric -> numeric.value(row);
                };
            }
            values[columns.size()] = data.bad()[row];
            Instance instance = new DenseInstance(1.0, values);
            instances.add(instance);
        }
        return instances;
    }
}
