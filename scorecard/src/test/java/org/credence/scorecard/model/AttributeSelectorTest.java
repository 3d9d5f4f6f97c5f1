package org.credence.scorecard.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.credence.scorecard.ScorecardException;
import org.junit.jupiter.api.Test;

class AttributeSelectorTest {
    private static final int ROWS = 2000;
    private static final int[] GOOD = new int[ROWS];
    private static final double[] STRONG = new double[ROWS];

    static {
        // strong = +1: 800 goods then 200 bads; strong = -1: 400 goods then 600 bads
        for (int i = 0; i < ROWS; i++) {
            STRONG[i] = i < 1000 ? 1.0 : -1.0;
            int within = i % 1000;
            GOOD[i] = (i < 1000 ? within < 800 : within < 400) ? 1 : 0;
        }
    }

    /**
     * An attribute worth +0.3 for a share of the goods and of the bads in each strong group
     * (-0.3 for the rest), so its association with the outcome is set exactly.
     */
    private static double[] attribute(double shareOfGoods, double shareOfBads) {
        double[] values = new double[ROWS];
        for (int group = 0; group < 2; group++) {
            int goods = group == 0 ? 800 : 400;
            int bads = 1000 - goods;
            for (int k = 0; k < 1000; k++) {
                boolean good = k < goods;
                int rank = good ? k : k - goods;
                double share = good ? shareOfGoods : shareOfBads;
                values[group * 1000 + k] = rank < share * (good ? goods : bads) ? 0.3 : -0.3;
            }
        }
        return values;
    }

    private static Map<String, double[]> candidates(double[] second) {
        Map<String, double[]> woe = new LinkedHashMap<>();
        woe.put("strong", STRONG);
        woe.put("second", second);
        woe.put("flat", new double[ROWS]);
        return woe;
    }

    @Test
    void dropsAnInsignificantAttributeAndSaysWhy() {
        // 51% of goods against 49% of bads: the right sign, far from significant
        Map<String, Double> ivs = Map.of("strong", 0.5, "second", 0.05, "flat", 0.0);

        Selection selection = AttributeSelector.select(candidates(attribute(0.51, 0.49)), ivs, GOOD,
                new SelectionSettings(0.02, 0.05, 1.0));

        assertThat(selection.selected()).containsExactly("strong");
        assertThat(selection.outcomes()).extracting(SelectionOutcome::attribute).containsExactly("strong", "second", "flat");
        assertThat(selection.outcomes().get(0).selected()).isTrue();
        assertThat(selection.outcomes().get(1).reason()).startsWith("not significant given the others (p = 0.");
        assertThat(selection.outcomes().get(2).reason()).isEqualTo("information value 0.000 is below 0.020");
        assertThat(selection.fit().coefficients()[0]).isPositive();
    }

    @Test
    void dropsAnAttributeWhoseEvidencePointsTheWrongWay() {
        // 40% of goods against 60% of bads: strongly associated, against the sign of its WoE
        Map<String, Double> ivs = Map.of("strong", 0.5, "second", 0.05, "flat", 0.0);

        Selection selection = AttributeSelector.select(candidates(attribute(0.40, 0.60)), ivs, GOOD,
                new SelectionSettings(0.02, 0.05, 1.0));

        assertThat(selection.selected()).containsExactly("strong");
        assertThat(selection.outcomes().get(1).reason()).contains("points against its own evidence");
    }

    @Test
    void keepsASignificantSecondAttribute() {
        Map<String, Double> ivs = Map.of("strong", 0.5, "second", 0.05, "flat", 0.0);

        Selection selection = AttributeSelector.select(candidates(attribute(0.60, 0.40)), ivs, GOOD,
                new SelectionSettings(0.02, 0.05, 1.0));

        assertThat(selection.selected()).containsExactly("strong", "second");
        assertThat(selection.fit().coefficients()[0]).isPositive();
        assertThat(selection.fit().coefficients()[1]).isPositive();
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
