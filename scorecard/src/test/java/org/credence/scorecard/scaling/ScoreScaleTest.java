package org.credence.scorecard.scaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ScoreScaleTest {

    @Test
    void standardAnchorIsSixHundredAtFourToOneWithFiftyPointsToDouble() {
        ScoreScale scale = ScoreScale.STANDARD;

        // factor = 50 / ln 2 = 72.1348; offset = 600 - factor * ln 4 = 600 - 100 = 500
        assertThat(scale.factor()).isCloseTo(72.134752, within(1e-6));
        assertThat(scale.offset()).isCloseTo(500.0, within(1e-9));
        assertThat(scale.unclamped(Math.log(4))).isCloseTo(600.0, within(1e-9));
        assertThat(scale.unclamped(Math.log(8))).isCloseTo(650.0, within(1e-9));
        assertThat(scale.unclamped(Math.log(2))).isCloseTo(550.0, within(1e-9));
        assertThat(scale.unclamped(0.0)).isCloseTo(500.0, within(1e-9));
        assertThat(scale.probabilityBadAt(600)).isCloseTo(0.2, within(1e-12));
    }

    @Test
    void theTextbookAnchorOfFiftyToOneAndFortyPoints() {
        ScoreScale scale = new ScoreScale(600, 50, 40, 350, 950);

        // factor = 40 / ln 2 = 57.7078; offset = 600 - 57.7078 * ln 50 = 600 - 225.7542 = 374.2458
        assertThat(scale.factor()).isCloseTo(57.707802, within(1e-6));
        assertThat(scale.offset()).isCloseTo(374.245752, within(1e-6));
        assertThat(scale.unclamped(Math.log(100))).isCloseTo(640.0, within(1e-9));
        assertThat(scale.unclamped(Math.log(25))).isCloseTo(560.0, within(1e-9));
    }

    @Test
    void scoresAreClampedToTheRange() {
        assertThat(ScoreScale.STANDARD.clamp(120)).isEqualTo(350);
        assertThat(ScoreScale.STANDARD.clamp(1200)).isEqualTo(950);
        assertThat(ScoreScale.STANDARD.clamp(712)).isEqualTo(712);
    }

    @Test
    void pointsShareTheOffsetAndInterceptEquallyAndRoundToWholeNumbers() {
        // share = (500 + 72.1348 * 0.5) / 2 = 268.0337; a WoE of ln 2 with coefficient 1 adds 50
        assertThat(PointsAllocation.points(ScoreScale.STANDARD, 0.5, 2, 1.0, Math.log(2))).isEqualTo(318);
        assertThat(PointsAllocation.points(ScoreScale.STANDARD, 0.5, 2, 1.0, 0.0)).isEqualTo(268);
        // an attribute weighted 0.5 with WoE -ln 4 costs 50 points against neutral
        assertThat(PointsAllocation.points(ScoreScale.STANDARD, 0.5, 2, 0.5, -Math.log(4))).isEqualTo(218);
    }

    @Test
    void refusesAnAnchorOutsideTheRange() {
        assertThatThrownBy(() -> new ScoreScale(1000, 4, 50, 350, 950)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ScoreScale(600, 0, 50, 350, 950)).isInstanceOf(IllegalArgumentException.class);
    }
}
