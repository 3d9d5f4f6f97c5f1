package org.credence.scorecard.binning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class AdjacentMergingTest {

    private static Run run(int index, int goods, int bads) {
        return new Run(index, index, goods, bads);
    }

    @Test
    void chiSquareOfATwoByTwoTable() {
        // N = 40; expected goods 15 and bads 5 in each row
        // (10-15)^2/15 + (10-5)^2/5 + (20-15)^2/15 + (0-5)^2/5 = 13.333...
        assertThat(AdjacentMerging.chiSquare(run(0, 10, 10), run(1, 20, 0))).isCloseTo(40.0 / 3.0, within(1e-12));
        assertThat(AdjacentMerging.chiSquare(run(0, 10, 5), run(1, 20, 10))).isCloseTo(0.0, within(1e-12));
    }

    @Test
    void poolAdjacentViolatorsMergesOnlyTheViolatingNeighbours() {
        // bad rates .8, .2, .5, .1: falling except .2 -> .5, which are pooled into .35
        List<Run> runs = List.of(run(0, 2, 8), run(1, 8, 2), run(2, 5, 5), run(3, 9, 1));

        List<Run> falling = AdjacentMerging.monotone(runs, false);

        assertThat(falling).containsExactly(new Run(0, 0, 2, 8), new Run(1, 2, 13, 7), new Run(3, 3, 9, 1));
        // assuming a rising bad rate, everything collapses into one run
        assertThat(AdjacentMerging.monotone(runs, true)).containsExactly(new Run(0, 3, 24, 16));
    }

    @Test
    void sparseRunsJoinTheNeighbourWithTheCloserBadRate() {
        // the middle run (3 rows, bad rate 1/3) is closer to the right (.3) than the left (.9)
        List<Run> runs = List.of(run(0, 10, 90), run(1, 2, 1), run(2, 70, 30));

        assertThat(AdjacentMerging.mergeSparse(runs, 5))
                .containsExactly(new Run(0, 0, 10, 90), new Run(1, 2, 72, 31));
    }

    @Test
    void chiMergeStopsAtSignificantDifferencesAndRespectsTheMaximum() {
        List<Run> runs = List.of(run(0, 50, 50), run(1, 51, 49), run(2, 90, 10), run(3, 10, 90));

        // the first two hardly differ and are merged; the others differ strongly
        assertThat(AdjacentMerging.chiMerge(runs, 10, 3.84)).hasSize(3);
        assertThat(AdjacentMerging.chiMerge(runs, 2, 3.84)).hasSize(2);
        assertThat(AdjacentMerging.chiMerge(runs, 10, 0.0)).hasSize(4);
    }
}
