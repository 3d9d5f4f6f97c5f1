package org.credence.scorecard.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.List;
import org.credence.scorecard.CreditG;
import org.junit.jupiter.api.Test;

class ArffReaderTest {

    private static Dataset read(String text) throws Exception {
        return ArffReader.read(new StringReader(text), "t.arff");
    }

    @Test
    void readsQuotedNominalsNumbersAndMissingValues() throws Exception {
        Dataset data = read("""
                % a comment
                @relation test
                @attribute 'status' { '<0', 'no checking', ok}
                @attribute duration numeric
                @attribute class {good, bad}
                @data
                '<0', 6, good
                'no checking',?,bad
                ?, 12.5 , good
                """);

        assertThat(data.names()).containsExactly("status", "duration", "class");
        NominalColumn status = (NominalColumn) data.column("status");
        assertThat(status.categories()).containsExactly("<0", "no checking", "ok");
        assertThat(status.valueAt(0)).isEqualTo("<0");
        assertThat(status.valueAt(1)).isEqualTo("no checking");
        assertThat(status.isMissing(2)).isTrue();
        NumericColumn duration = (NumericColumn) data.column("duration");
        assertThat(duration.value(0)).isEqualTo(6.0);
        assertThat(duration.isMissing(1)).isTrue();
        assertThat(duration.value(2)).isEqualTo(12.5);
    }

    @Test
    void namesTheLineAndFieldOfABadValue() {
        assertThatThrownBy(() -> read("""
                @attribute a numeric
                @attribute b {x, y}
                @data
                1, x
                2, z
                """)).isInstanceOf(DataFormatException.class)
                .hasMessage("t.arff:5: field 2 (b): 'z' is not one of the declared values [x, y]");
        assertThatThrownBy(() -> read("""
                @attribute a numeric
                @data
                1, 2
                """)).hasMessage("t.arff:3: has 2 values, the header declares 1");
        assertThatThrownBy(() -> read("""
                @attribute a numeric
                @data
                abc
                """)).hasMessage("t.arff:3: field 1 (a): 'abc' is not a number");
    }

    @Test
    void readsTheGermanCreditData() {
        Dataset data = CreditG.dataset();

        assertThat(data.rows()).isEqualTo(1000);
        assertThat(data.columns()).hasSize(21);
        assertThat(((NominalColumn) data.column("checking_status")).categories())
                .isEqualTo(List.of("<0", "0<=X<200", ">=200", "no checking"));
        LabelledDataset labelled = LabelledDataset.of(data, "class", "bad");
        assertThat(labelled.bads()).isEqualTo(300);
        assertThat(labelled.featureNames()).doesNotContain("class").hasSize(20);
    }

    @Test
    void theTargetMustBeTwoValuedAndNameTheBadOutcome() {
        Dataset data = CreditG.dataset();
        assertThatThrownBy(() -> LabelledDataset.of(data, "class", "default"))
                .hasMessageContaining("none is the bad outcome 'default'");
        assertThatThrownBy(() -> LabelledDataset.of(data, "duration", "bad"))
                .hasMessageContaining("must have exactly two values");
        assertThatThrownBy(() -> LabelledDataset.of(data, "purpose", "bad"))
                .hasMessageContaining("exactly two values");
        assertThatThrownBy(() -> LabelledDataset.of(data, "outcome", "bad"))
                .hasMessageContaining("has no column named 'outcome'");
    }
}
