package org.credence.scorecard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.credence.scorecard.data.LabelledDataset;
import org.junit.jupiter.api.Test;

class ProtectedAttributesTest {
    private static final List<String> FEATURES = List.of("duration", "personal_status", "age", "foreign_worker", "Sex");

    @Test
    void protectedAttributesAreLeftOutByDefault() {
        assertThat(TrainingSpec.standard().candidates(FEATURES, "data")).containsExactly("duration", "age");
    }

    @Test
    void askingForAProtectedAttributeIsRefused() {
        TrainingSpec spec = TrainingSpec.standard().withOnly(Set.of("duration", "personal_status"));

        assertThatThrownBy(() -> spec.candidates(FEATURES, "data"))
                .isInstanceOf(ProtectedAttributeRefused.class)
                .hasMessage("'personal_status' is a protected attribute (it mixes sex and marital status) and a scorecard may not use it");
        assertThatThrownBy(() -> TrainingSpec.standard().withOnly(Set.of("Foreign_Worker")).candidates(FEATURES, "data"))
                .isInstanceOf(ProtectedAttributeRefused.class)
                .hasMessageContaining("national origin");
    }

    @Test
    void ageIsFlaggedNotExcluded() {
        assertThat(ProtectedAttributes.isFlagged("age")).isTrue();
        assertThat(ProtectedAttributes.isExcluded("age")).isFalse();
        assertThat(TrainingSpec.standard().withOnly(Set.of("age")).candidates(FEATURES, "data")).containsExactly("age");
    }

    @Test
    void trainingOnCreditGNeverTouchesThem() {
        LabelledDataset data = CreditG.labelled();

        Scorecard scorecard = ScorecardTrainer.train(data, TrainingSpec.standard());

        assertThat(scorecard.attributes()).extracting(ScorecardAttribute::name)
                .doesNotContain("personal_status", "foreign_worker");
        assertThat(scorecard.training().candidates()).extracting(c -> c.attribute())
                .doesNotContain("personal_status", "foreign_worker");
        assertThat(scorecard.training().protectedLeftOut()).containsExactly("personal_status", "foreign_worker");
    }

    @Test
    void aModelFileThatUsesOneIsRefusedOnReading() {
        Scorecard honest = HandMadeScorecard.build();
        List<ScorecardAttribute> attributes = new ArrayList<>(honest.attributes());
        ScorecardAttribute first = attributes.get(0);
        attributes.set(0, new ScorecardAttribute("personal_status", first.label(), first.kind(), first.informationValue(),
                first.coefficient(), first.standardError(), first.pValue(), false, first.bins()));
        Scorecard tampered = new Scorecard(honest.formatVersion(), honest.target(), honest.badLabel(), honest.goodLabel(),
                honest.scale(), honest.intercept(), attributes, honest.training());

        assertThatThrownBy(() -> ModelJson.read(ModelJson.write(tampered), "model.json"))
                .isInstanceOf(ProtectedAttributeRefused.class);
    }
}
