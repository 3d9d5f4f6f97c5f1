package org.credence.scorecard.data;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Applicants with their observed outcome: the feature columns and, per row, 1 for a bad outcome
 * and 0 for a good one. The target column is removed from the features so it can never be binned
 * or scored as an attribute.
 */
public record LabelledDataset(Dataset features, int[] bad, String target, String badLabel, String goodLabel) {

    /**
     * Splits the declared target column off a data set. The target must have exactly two
     * observed values, one of which is {@code badLabel}; no row may lack it. A numeric target
     * (0/1 in a CSV file) is read as the categories "0" and "1".
     */
    public static LabelledDataset of(Dataset data, String target, String badLabel) {
        NominalColumn nominal = switch (data.column(target)) {
            case NominalColumn categorical -> categorical;
            case NumericColumn numeric -> asCategories(numeric);
        };
        Set<String> observed = new LinkedHashSet<>();
        for (int row = 0; row < nominal.size(); row++) {
            String value = nominal.valueAt(row);
            if (value == null) {
                throw new DataFormatException(data.source(), "row " + (row + 1) + " has no value for target '"
                        + target + "'");
            }
            observed.add(value);
        }
        if (observed.size() != 2) {
            throw new DataFormatException(data.source(), "target column '" + target + "' must have exactly two values, found "
                    + observed);
        }
        if (!observed.contains(badLabel)) {
            throw new DataFormatException(data.source(), "target column '" + target + "' has values " + observed
                    + "; none is the bad outcome '" + badLabel + "'");
        }
        String goodLabel = observed.stream().filter(v -> !v.equals(badLabel)).findFirst().orElseThrow();
        int badCode = nominal.categories().indexOf(badLabel);
        int[] bad = new int[nominal.size()];
        for (int row = 0; row < bad.length; row++) {
            bad[row] = nominal.code(row) == badCode ? 1 : 0;
        }
        return new LabelledDataset(data.without(Set.of(target)), bad, target, badLabel, goodLabel);
    }

    private static NominalColumn asCategories(NumericColumn numeric) {
        List<String> categories = new ArrayList<>();
        int[] codes = new int[numeric.size()];
        for (int row = 0; row < codes.length; row++) {
            if (numeric.isMissing(row)) {
                codes[row] = NominalColumn.MISSING;
                continue;
            }
            String value = new BigDecimal(Double.toString(numeric.value(row))).stripTrailingZeros().toPlainString();
            int code = categories.indexOf(value);
            if (code < 0) {
                code = categories.size();
                categories.add(value);
            }
            codes[row] = code;
        }
        return new NominalColumn(numeric.name(), categories, codes);
    }

    public int rows() {
        return bad.length;
    }

    public int bads() {
        return Arrays.stream(bad).sum();
    }

    public LabelledDataset select(int[] rows) {
        int[] picked = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            picked[i] = bad[rows[i]];
        }
        return new LabelledDataset(features.select(rows), picked, target, badLabel, goodLabel);
    }

    public LabelledDataset withoutFeatures(Set<String> names) {
        return new LabelledDataset(features.without(names), bad, target, badLabel, goodLabel);
    }

    public List<String> featureNames() {
        return features.names();
    }
}
