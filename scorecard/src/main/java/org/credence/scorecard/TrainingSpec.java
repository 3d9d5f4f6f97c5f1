package org.credence.scorecard;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.credence.scorecard.binning.BinningSettings;
import org.credence.scorecard.model.SelectionSettings;
import org.credence.scorecard.scaling.ScoreScale;

/**
 * What to train: which attributes may be considered ({@code only} empty means all but the
 * protected ones), which are left out, and the settings of each stage.
 */
public record TrainingSpec(
        Set<String> only,
        Set<String> exclude,
        BinningSettings binning,
        SelectionSettings selection,
        ScoreScale scale,
        Vocabulary vocabulary) {

    public TrainingSpec {
        only = Set.copyOf(only);
        exclude = Set.copyOf(exclude);
    }

    public static TrainingSpec standard() {
        return new TrainingSpec(Set.of(), Set.of(), BinningSettings.DEFAULT, SelectionSettings.DEFAULT,
                ScoreScale.STANDARD, Vocabulary.builtIn());
    }

    public TrainingSpec withOnly(Set<String> attributes) {
        return new TrainingSpec(attributes, exclude, binning, selection, scale, vocabulary);
    }

    public TrainingSpec withExclude(Set<String> attributes) {
        return new TrainingSpec(only, attributes, binning, selection, scale, vocabulary);
    }

    public TrainingSpec withScale(ScoreScale newScale) {
        return new TrainingSpec(only, exclude, binning, selection, newScale, vocabulary);
    }

    public TrainingSpec withVocabulary(Vocabulary words) {
        return new TrainingSpec(only, exclude, binning, selection, scale, words);
    }

    /**
     * The candidate attributes among a data set's features. Naming an excluded protected attribute
     * in {@code only} is refused, as is naming an attribute the data does not have; protected
     * attributes are otherwise left out silently (and listed in the training summary).
     */
    public List<String> candidates(List<String> features, String source) {
        for (String name : only) {
            ProtectedAttributes.refuseIfExcluded(name);
            if (!features.contains(name)) {
                throw new ScorecardException(source + ": has no attribute '" + name + "' to train on");
            }
        }
        Set<String> chosen = new LinkedHashSet<>(only.isEmpty() ? features : features.stream().filter(only::contains).toList());
        chosen.removeAll(exclude);
        List<String> result = new ArrayList<>();
        for (String name : chosen) {
            if (!ProtectedAttributes.isExcluded(name)) {
                result.add(name);
            }
        }
        return result;
    }
}
