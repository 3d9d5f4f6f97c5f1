package org.credence.scorecard.binning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.credence.scorecard.data.NominalColumn;
import org.junit.jupiter.api.Test;

class CategoryGrouperTest {

    /** Appends {@code goods} good and {@code bads} bad rows of category {@code code}. */
    private static void add(List<Integer> codes, List<Integer> outcomes, int code, int goods, int bads) {
        for (int i = 0; i < goods; i++) {
            codes.add(code);
            outcomes.add(0);
        }
        for (int i = 0; i < bads; i++) {
            codes.add(code);
            outcomes.add(1);
        }
    }

    @Test
    void foldsASparseCategoryIntoTheClosestBadRateAndLeavesUnseenOnesOut() {
        List<Integer> codes = new ArrayList<>();
        List<Integer> outcomes = new ArrayList<>();
        add(codes, outcomes, 0, 90, 10);  // "a": 10% bad
        add(codes, outcomes, 1, 50, 50);  // "b": 50% bad
        add(codes, outcomes, 2, 3, 1);    // "c": sparse, 25% bad: closer to "a"
        // "d" is declared but never seen
        NominalColumn column = new NominalColumn("kind", List.of("a", "b", "c", "d"),
                codes.stream().mapToInt(Integer::intValue).toArray());
        int[] bad = outcomes.stream().mapToInt(Integer::intValue).toArray();

        AttributeBinning binning = CategoryGrouper.group(column, bad, new BinningSettings(20, 6, 0.05, 0.0));

        assertThat(binning.bins()).extracting(BinStatistics::bin).containsExactly(
                new Bin.Categories(List.of("a", "c")), new Bin.Categories(List.of("b")), new Bin.Other());
        assertThat(binning.bins().get(0).goods()).isEqualTo(93);
        assertThat(binning.bins().get(0).bads()).isEqualTo(11);
        // G = 143, B = 61
        assertThat(binning.bins().get(0).woe()).isCloseTo(Math.log((93.0 / 143) / (11.0 / 61)), within(1e-12));
        assertThat(binning.bins().get(1).woe()).isCloseTo(Math.log((50.0 / 143) / (50.0 / 61)), within(1e-12));
        assertThat(BinAssignment.binOfCategory(binning, column.categories())).containsExactly(0, 1, 0, 2);
    }

    @Test
    void groupsAtMostMaxBinsCategories() {
        List<Integer> codes = new ArrayList<>();
        List<Integer> outcomes = new ArrayList<>();
        for (int code = 0; code < 8; code++) {
            add(codes, outcomes, code, 100 - code * 10, code * 10 + 5);
        }
        NominalColumn column = new NominalColumn("kind", List.of("0", "1", "2", "3", "4", "5", "6", "7"),
                codes.stream().mapToInt(Integer::intValue).toArray());

        AttributeBinning binning = CategoryGrouper.group(column, outcomes.stream().mapToInt(Integer::intValue).toArray(),
                new BinningSettings(20, 3, 0.01, 0.0));

        assertThat(binning.bins()).hasSize(4);
        List<Double> rates = binning.bins().subList(0, 3).stream().map(BinStatistics::badRate).toList();
        assertThat(rates).isSorted();
    }
}
