package org.credence.scorecard.binning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.credence.scorecard.data.NumericColumn;
import org.junit.jupiter.api.Test;

class NumericBinnerTest {
    /** Every distinct value its own fine class, no minimum size, no significance merging. */
    private static final BinningSettings EXACT = new BinningSettings(100, 10, 0.0, 0.0);

    /** Ten rows each of x = 1, 2, 3, 4 with 8, 2, 5 and 1 bads. */
    private static NumericColumn handTable(int[] bad) {
        double[] x = new double[40];
        int[] badsAt = {8, 2, 5, 1};
        for (int value = 0; value < 4; value++) {
            for (int k = 0; k < 10; k++) {
                x[value * 10 + k] = value + 1;
                bad[value * 10 + k] = k < badsAt[value] ? 1 : 0;
            }
        }
        return new NumericColumn("x", x);
    }

    @Test
    void binsAHandComputedTableMonotonically() {
        int[] bad = new int[40];
        AttributeBinning binning = NumericBinner.bin(handTable(bad), bad, EXACT);

        // bad rates .8 .2 .5 .1 fall except between 2 and 3, which are pooled: .8 / .35 / .1
        assertThat(binning.bins()).extracting(BinStatistics::bin).containsExactly(
                new Bin.Interval(null, 2.0), new Bin.Interval(2.0, 4.0), new Bin.Interval(4.0, null), new Bin.Other());
        assertThat(binning.bins()).extracting(BinStatistics::goods).containsExactly(2, 13, 9, 0);
        assertThat(binning.bins()).extracting(BinStatistics::bads).containsExactly(8, 7, 1, 0);
        // G = 24, B = 16: ln((2/24)/(8/16)), ln((13/24)/(7/16)), ln((9/24)/(1/16))
        assertThat(binning.bins().get(0).woe()).isCloseTo(-1.791759, within(1e-6));
        assertThat(binning.bins().get(1).woe()).isCloseTo(0.213574, within(1e-6));
        assertThat(binning.bins().get(2).woe()).isCloseTo(1.791759, within(1e-6));
        // with no missing values the Other bin takes the least favourable evidence
        assertThat(binning.bins().get(3).woe()).isCloseTo(-1.791759, within(1e-6));
    }

    @Test
    void missingValuesGetTheirOwnEvidenceWhenThereAreEnough() {
        double[] x = {1, 1, 1, 1, 2, 2, 2, 2, Double.NaN, Double.NaN, Double.NaN, Double.NaN};
        int[] bad = {1, 1, 1, 0, 0, 0, 0, 1, 0, 0, 1, 0};

        AttributeBinning binning = NumericBinner.bin(new NumericColumn("x", x), bad,
                new BinningSettings(100, 10, 0.25, 0.0));

        BinStatistics other = binning.bins().get(binning.otherIndex());
        assertThat(other.goods()).isEqualTo(3);
        assertThat(other.bads()).isEqualTo(1);
        // over the three bins G = 1 + 3 + 3 = 7 and B = 3 + 1 + 1 = 5: ln((3/7)/(1/5))
        assertThat(other.woe()).isCloseTo(Math.log(15.0 / 7.0), within(1e-12));
    }

    @Test
    void aConstantAttributeEndsAsOneBinWithoutInformation() {
        double[] x = new double[50];
        int[] bad = new int[50];
        for (int i = 0; i < 50; i++) {
            x[i] = 7;
            bad[i] = i % 3 == 0 ? 1 : 0;
        }
        AttributeBinning binning = NumericBinner.bin(new NumericColumn("x", x), bad, BinningSettings.DEFAULT);

        assertThat(binning.bins()).hasSize(2);
        assertThat(binning.bins().get(0).bin()).isEqualTo(new Bin.Interval(null, null));
        assertThat(binning.informationValue()).isCloseTo(0.0, within(1e-12));
    }

    @Test
    void findsTheDirectionOfRisingRisk() {
        Random random = new Random(7);
        double[] x = new double[2000];
        int[] bad = new int[2000];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextInt(100);
            bad[i] = random.nextDouble() < 0.05 + 0.6 * x[i] / 100 ? 1 : 0;
        }
        AttributeBinning binning = NumericBinner.bin(new NumericColumn("x", x), bad, BinningSettings.DEFAULT);

        List<Double> rates = badRates(binning);
        assertThat(rates.size()).isGreaterThan(2);
        for (int i = 1; i < rates.size(); i++) {
            assertThat(rates.get(i)).isGreaterThan(rates.get(i - 1));
        }
    }

    @Property(tries = 200)
    void binsAreMonotoneContiguousAndLargeEnough(@ForAll @IntRange(min = 1, max = 1_000_000) int seed,
            @ForAll @DoubleRange(min = -1.0, max = 1.0) double slope) {
        Random random = new Random(seed);
        int rows = 300 + random.nextInt(500);
        double[] x = new double[rows];
        int[] bad = new int[rows];
        for (int i = 0; i < rows; i++) {
            x[i] = Math.round(random.nextGaussian() * 20);
            double risk = 0.3 + slope * 0.2 * Math.tanh(x[i] / 20) + 0.1 * Math.sin(x[i]);
            bad[i] = random.nextDouble() < risk ? 1 : 0;
        }
        BinningSettings settings = BinningSettings.DEFAULT;
        AttributeBinning binning = NumericBinner.bin(new NumericColumn("x", x), bad, settings);

        List<BinStatistics> intervals = binning.bins().subList(0, binning.otherIndex());
        assertThat(intervals.size()).isBetween(1, settings.maxBins());
        assertThat(((Bin.Interval) intervals.get(0).bin()).from()).isNull();
        assertThat(((Bin.Interval) intervals.get(intervals.size() - 1).bin()).to()).isNull();
        for (int i = 1; i < intervals.size(); i++) {
            assertThat(((Bin.Interval) intervals.get(i).bin()).from()).isEqualTo(((Bin.Interval) intervals.get(i - 1).bin()).to());
        }
        if (intervals.size() > 1) {
            int minCount = (int) Math.ceil(settings.minBinShare() * rows);
            assertThat(intervals).allSatisfy(b -> assertThat(b.total()).isGreaterThanOrEqualTo(minCount));
        }
        assertThat(intervals.stream().mapToInt(BinStatistics::total).sum()).isEqualTo(rows);
        List<Double> rates = badRates(binning);
        boolean rising = rates.size() < 2 || rates.get(1) > rates.get(0);
        for (int i = 1; i < rates.size(); i++) {
            if (rising) {
                assertThat(rates.get(i)).isGreaterThan(rates.get(i - 1));
            } else {
                assertThat(rates.get(i)).isLessThan(rates.get(i - 1));
            }
        }
    }

    private static List<Double> badRates(AttributeBinning binning) {
        List<Double> rates = new ArrayList<>();
        for (BinStatistics bin : binning.bins().subList(0, binning.otherIndex())) {
            rates.add(bin.badRate());
        }
        return rates;
    }
}
