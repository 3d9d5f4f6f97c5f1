package org.credence.scorecard.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import org.junit.jupiter.api.Test;

class CsvDatasetReaderTest {

    @Test
    void infersNumericAndNominalColumnsAndMissingValues() throws Exception {
        Dataset data = CsvDatasetReader.read(new StringReader("""
                duration,purpose,class
                6,"radio/tv, new",good
                ,car,bad
                12,NA,good
                """), "t.csv");

        NumericColumn duration = (NumericColumn) data.column("duration");
        assertThat(duration.values()).containsExactly(6.0, Double.NaN, 12.0);
        NominalColumn purpose = (NominalColumn) data.column("purpose");
        assertThat(purpose.categories()).containsExactly("radio/tv, new", "car");
        assertThat(purpose.isMissing(2)).isTrue();
        assertThat(data.column("class")).isInstanceOf(NominalColumn.class);
    }

    @Test
    void aZeroOneTargetIsReadAsTwoCategories() throws Exception {
        Dataset data = CsvDatasetReader.read(new StringReader("""
                amount,defaulted
                100,0
                250,1
                80,0
                """), "t.csv");

        LabelledDataset labelled = LabelledDataset.of(data, "defaulted", "1");

        assertThat(labelled.bad()).containsExactly(0, 1, 0);
        assertThat(labelled.goodLabel()).isEqualTo("0");
        assertThat(labelled.featureNames()).containsExactly("amount");
    }

    @Test
    void aRowWithTheWrongNumberOfFieldsIsNamed() {
        assertThatThrownBy(() -> CsvDatasetReader.read(new StringReader("""
                a,b
                1,2
                3
                """), "t.csv")).isInstanceOf(DataFormatException.class)
                .hasMessage("t.csv:3: has 1 fields, the header has 2");
    }
}
