package org.credence.scorecard;

import java.util.ArrayList;
import java.util.List;
import org.credence.scorecard.binning.Bin;

/**
 * Findings about protected attributes that follow from the scorecard itself: which ones were
 * present and left out, and whether a flagged numeric attribute in use (age) ever takes points away
 * as it rises, which would score older applicants down.
 */
public final class FairnessNotes {
    private FairnessNotes() {
    }

    public static List<String> of(Scorecard scorecard) {
        List<String> notes = new ArrayList<>();
        for (String name : scorecard.training().protectedLeftOut()) {
            ProtectedAttributes.find(name).ifPresent(p -> notes.add(
                    "'" + name + "' is in the data and is not used by the scorecard: " + p.reason() + "."));
        }
        for (ScorecardAttribute attribute : scorecard.attributes()) {
            if (!attribute.flagged()) {
                continue;
            }
            String prefix = "'" + attribute.name() + "' is a flagged attribute and the scorecard uses it";
            if (attribute.kind() == ScorecardAttribute.Kind.NUMERIC) {
                notes.add(prefix + (pointsNeverFall(attribute)
                        ? ": its points never fall as it rises, so older applicants are not scored down."
                        : ": its points fall somewhere as it rises, so some older applicants are scored down; review before use."));
            } else {
                notes.add(prefix + "; review its outcomes by group below.");
            }
        }
        for (ProtectedAttribute flagged : ProtectedAttributes.all()) {
            boolean used = scorecard.attributes().stream().anyMatch(a -> a.name().equalsIgnoreCase(flagged.name()));
            if (flagged.treatment() == ProtectedAttribute.Treatment.FLAGGED && !used
                    && scorecard.training().candidates().stream().anyMatch(c -> c.attribute().equalsIgnoreCase(flagged.name()))) {
                notes.add("'" + flagged.name() + "' is a flagged attribute; it was considered and not selected.");
            }
        }
        return notes;
    }

    static boolean pointsNeverFall(ScorecardAttribute attribute) {
        int previous = Integer.MIN_VALUE;
        for (ScorecardBin bin : attribute.bins()) {
            if (bin.bin() instanceof Bin.Interval) {
                if (bin.points() < previous) {
                    return false;
                }
                previous = bin.points();
            }
        }
        return true;
    }
}
