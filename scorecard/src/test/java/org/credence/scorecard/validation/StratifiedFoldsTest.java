package org.credence.scorecard.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StratifiedFoldsTest {
    private static final int[] BAD = new int[1000];

    static {
        for (int i = 0; i < BAD.length; i++) {
            BAD[i] = i % 10 < 3 ? 1 : 0;
        }
    }

    @Test
    void everyFoldHasTheSameShareOfBads() {
        int[] fold = StratifiedFolds.assign(BAD, 10, 42);

        for (int k = 0; k < 10; k++) {
            int[] rows = StratifiedFolds.rows(fold, k, true);
            int bads = 0;
            for (int row : rows) {
                bads += BAD[row];
            }
            assertThat(rows).hasSize(100);
            assertThat(bads).isEqualTo(30);
            assertThat(StratifiedFolds.rows(fold, k, false)).hasSize(900);
        }
    }

    @Test
    void theSeedFixesTheFolds() {
        assertThat(StratifiedFolds.assign(BAD, 10, 42)).isEqualTo(StratifiedFolds.assign(BAD, 10, 42));
        assertThat(StratifiedFolds.assign(BAD, 10, 42)).isNotEqualTo(StratifiedFolds.assign(BAD, 10, 43));
    }
}
