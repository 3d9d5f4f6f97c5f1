package org.credence.scorecard.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.credence.scorecard.ScorecardException;
import org.junit.jupiter.api.Test;

class AttributeSelectorTest {

    @Test
    void keepsTheInformativeAttributeAndSaysWhyTheOthersWentOut() {
        Random random = new Random(11);
        int rows = 2000;
        int[] good = new int[rows];
        double[] strong = new double[rows];
        double[] noise = new double[rows];
        double[] weak = new double[rows];
        for (int i = 0; i < rows; i++) {
            strong[i] = random.nextBoolean() ? 1.0 : -1.0;
            noise[i] = random.nextBoolean() ? 0.3 : -0.3;
            weak[i] = random.nextBoolean() ? 0.05 : -0.05;
            good[i] = random.nextDouble() < 1 / (1 + Math.exp(-(0.8 + strong[i]))) ? 1 : 0;
        }
        Map<String, double[]> woe = new LinkedHashMap<>();
        woe.put("strong", strong);
        woe.put("noise", noise);
        woe.put("weak", weak);
        Map<String, Double> ivs = Map.of("strong", 0.5, "noise", 0.05, "weak", 0.001);

        Selection selection = AttributeSelector.select(woe, ivs, good, new SelectionSettings(0.02, 0.05, 1.0));

        assertThat(selection.selected()).containsExactly("strong");
        assertThat(selection.outcomes()).extracting(SelectionOutcome::attribute).containsExactly("strong", "noise", "weak");
        assertThat(selection.outcomes().get(1).reason()).startsWith("not significant");
        assertThat(selection.outcomes().get(2).reason()).startsWith("information value 0.001 is below");
        assertThat(selection.fit().coefficients()[0]).isPositive();
    }

    @Test
    void refusesToBuildFromNothing() {
        Map<String, double[]> woe = Map.of("flat", new double[] {0, 0, 0, 0});
        Map<String, Double> ivs = Map.of("flat", 0.0);

        assertThatThrownBy(() -> AttributeSelector.select(woe, ivs, new int[] {1, 0, 1, 0}, SelectionSettings.DEFAULT))
                .isInstanceOf(ScorecardException.class)
                .hasMessageContaining("no attribute carries enough information");
    }
}
