package org.credence.scorecard;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.credence.scorecard.data.Column;
import org.credence.scorecard.data.Dataset;
import org.credence.scorecard.data.NominalColumn;
import org.credence.scorecard.data.NumericColumn;

/**
 * Presents the rows of a data set to a {@link CompiledScorecard}: one value per scorecard attribute,
 * found by column name, categories translated into the scorecard's own dictionary. Extra columns
 * (the target, protected attributes, anything else) are ignored.
 */
public final class ApplicantEncoder {
    private ApplicantEncoder() {
    }

    public static double[][] encode(Scorecard scorecard, Dataset data) {
        List<ScorecardAttribute> attributes = scorecard.attributes();
        double[][] rows = new double[data.rows()][attributes.size()];
        for (int j = 0; j < attributes.size(); j++) {
            ScorecardAttribute attribute = attributes.get(j);
            Column column = data.find(attribute.name()).orElseThrow(() -> new ScorecardException(
                    data.source() + ": has no column '" + attribute.name() + "', which the scorecard needs"));
            double[] values = attribute.kind() == ScorecardAttribute.Kind.NUMERIC
                    ? numeric(column, data.source())
                    : categoryCodes(attribute, column);
            for (int row = 0; row < values.length; row++) {
                rows[row][j] = values[row];
            }
        }
        return rows;
    }

    private static double[] numeric(Column column, String source) {
        if (column instanceof NumericColumn numeric) {
            return numeric.values();
        }
        throw new ScorecardException(source + ": column '" + column.name()
                + "' must hold numbers for this scorecard, but holds text");
    }

    private static double[] categoryCodes(ScorecardAttribute attribute, Column column) {
        Map<String, Integer> dictionary = new HashMap<>();
        List<String> categories = attribute.categories();
        for (int code = 0; code < categories.size(); code++) {
            dictionary.put(categories.get(code), code);
        }
        double[] codes = new double[column.size()];
        for (int row = 0; row < codes.length; row++) {
            String value = switch (column) {
                case NominalColumn nominal -> nominal.valueAt(row);
                // a CSV column of coded categories ("1", "2") is read as numbers
                case NumericColumn numeric -> numeric.isMissing(row) ? null
                        : new BigDecimal(Double.toString(numeric.value(row))).stripTrailingZeros().toPlainString();
            };
            Integer code = value == null ? null : dictionary.get(value);
            codes[row] = code == null ? -1 : code;
        }
        return codes;
    }
}
