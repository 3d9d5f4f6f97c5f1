package org.credence.scorecard.validation;

import java.util.ArrayList;
import java.util.List;

/** Observed against predicted bad rate by score band. */
public final class CalibrationTable {
    private CalibrationTable() {
    }

    /** Bands of {@code width} points from {@code min}; the last band includes {@code max}. Empty bands are left out. */
    public static List<CalibrationBand> byScoreBand(int[] scores, double[] probabilityBad, int[] bad, int min, int max,
            int width) {
        int bandCount = Math.max(1, (max - min + width - 1) / width);
        int[] applicants = new int[bandCount];
        int[] bads = new int[bandCount];
        double[] predicted = new double[bandCount];
        for (int i = 0; i < scores.length; i++) {
            int band = Math.min(bandCount - 1, Math.max(0, (scores[i] - min) / width));
            applicants[band]++;
            bads[band] += bad[i];
            predicted[band] += probabilityBad[i];
        }
        List<CalibrationBand> table = new ArrayList<>();
        for (int band = 0; band < bandCount; band++) {
            if (applicants[band] == 0) {
                continue;
            }
            int from = min + band * width;
            int to = band == bandCount - 1 ? max + 1 : from + width;
            table.add(new CalibrationBand(from, to, applicants[band], bads[band],
                    (double) bads[band] / applicants[band], predicted[band] / applicants[band]));
        }
        return table;
    }
}
