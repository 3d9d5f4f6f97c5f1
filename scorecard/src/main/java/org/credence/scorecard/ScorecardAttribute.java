package org.credence.scorecard;

import java.util.ArrayList;
import java.util.List;
import org.credence.scorecard.binning.Bin;

/**
 * An attribute of the scorecard with its bins (the Other bin last), its coefficient on the WoE
 * scale and its standard error, and whether it is a flagged protected attribute.
 */
public record ScorecardAttribute(
        String name,
        String label,
        Kind kind,
        double informationValue,
        double coefficient,
        double standardError,
        double pValue,
        boolean flagged,
        List<ScorecardBin> bins) {

    public enum Kind {
        NUMERIC,
        NOMINAL
    }

    public ScorecardAttribute {
        bins = List.copyOf(bins);
        if (bins.isEmpty() || !(bins.get(bins.size() - 1).bin() instanceof Bin.Other)) {
            throw new IllegalArgumentException("the last bin of " + name + " must be the Other bin");
        }
    }

    public int otherIndex() {
        return bins.size() - 1;
    }

    /** The points of the attribute's best bin: the reference that reason codes measure a loss from. */
    public int bestPoints() {
        return bins.stream().mapToInt(ScorecardBin::points).max().orElseThrow();
    }

    /** For a nominal attribute, every category the scorecard knows, bin by bin: its dictionary. */
    public List<String> categories() {
        List<String> categories = new ArrayList<>();
        for (ScorecardBin bin : bins) {
            if (bin.bin() instanceof Bin.Categories group) {
                categories.addAll(group.values());
            }
        }
        return categories;
    }
}
