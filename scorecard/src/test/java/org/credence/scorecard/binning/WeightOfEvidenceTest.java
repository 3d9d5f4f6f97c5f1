package org.credence.scorecard.binning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class WeightOfEvidenceTest {

    @Test
    void matchesAHandComputedTable() {
        // goods 40/30/30 of 100, bads 10/20/70 of 100
        WoeTable table = WeightOfEvidence.of(List.of(new BinCounts(40, 10), new BinCounts(30, 20), new BinCounts(30, 70)));

        assertThat(table.smoothed()).isFalse();
        assertThat(table.woe()[0]).isCloseTo(Math.log(4.0), within(1e-12));       // 1.386294
        assertThat(table.woe()[1]).isCloseTo(Math.log(1.5), within(1e-12));       // 0.405465
        assertThat(table.woe()[2]).isCloseTo(Math.log(3.0 / 7.0), within(1e-12)); // -0.847298
        // IV = 0.3 * 1.386294 + 0.1 * 0.405465 + (-0.4) * (-0.847298)
        assertThat(table.informationValue()).isCloseTo(0.795354, within(1e-6));
    }

    @Test
    void aZeroCellAddsHalfAnObservationToEveryCell() {
        // bin 1 has no bads: goods 10.5/21 and bads 0.5/11; bin 2: goods 10.5/21, bads 10.5/11
        WoeTable table = WeightOfEvidence.of(List.of(new BinCounts(10, 0), new BinCounts(10, 10)));

        assertThat(table.smoothed()).isTrue();
        assertThat(table.woe()[0]).isCloseTo(Math.log(11.0), within(1e-12));
        assertThat(table.woe()[1]).isCloseTo(Math.log(0.5 / (10.5 / 11)), within(1e-12));
        assertThat(table.informationValue()).isCloseTo((0.5 - 0.5 / 11) * (Math.log(11.0) - Math.log(0.5 / (10.5 / 11))),
                within(1e-12));
        assertThat(Double.isFinite(table.informationValue())).isTrue();
    }

    @Test
    void equalDistributionsCarryNoEvidence() {
        WoeTable table = WeightOfEvidence.of(List.of(new BinCounts(70, 30), new BinCounts(140, 60)));

        assertThat(table.woe()).containsExactly(new double[] {0.0, 0.0}, within(1e-12));
        assertThat(table.informationValue()).isCloseTo(0.0, within(1e-12));
    }

    @Property
    void informationValueIsNeverNegativeAndWoeIsFinite(
            @ForAll @Size(min = 1, max = 8) List<@IntRange(min = 0, max = 500) Integer> goods,
            @ForAll @Size(min = 1, max = 8) List<@IntRange(min = 0, max = 500) Integer> bads) {
        int bins = Math.min(goods.size(), bads.size());
        List<BinCounts> counts = new ArrayList<>();
        for (int i = 0; i < bins; i++) {
            counts.add(new BinCounts(goods.get(i), bads.get(i)));
        }
        WoeTable table = WeightOfEvidence.of(counts);

        assertThat(table.informationValue()).isGreaterThanOrEqualTo(-1e-12);
        for (double woe : table.woe()) {
            assertThat(Double.isFinite(woe)).isTrue();
        }
    }
}
