package org.credence.bench;

import org.credence.scoring.Rulebook;
import org.credence.state.SubjectIndex;

/**
 * A loaded population for in-process decisions: the hot index built from {@link Synthetic}'s records
 * through {@link SubjectIndex#apply}, as a server builds it on start, and the lookups to ask.
 */
final class Population {

    final Synthetic synthetic;
    final Rulebook rulebook;
    final SubjectIndex index;
    final String[] lookupIds;
    final Rulebook.ActionPolicy[] lookupPolicies;
    final int[] lookupSubjects;

    Population(int subjects, int lookups) {
        synthetic = new Synthetic(subjects);
        rulebook = Rulebook.compile(synthetic.catalog);
        index = new SubjectIndex(rulebook, ids -> java.util.Optional.empty());
        long nextId = 1;
        for (int s = 0; s < subjects; s++) {
            for (var record : synthetic.stored(s, nextId)) {
                index.apply(record);
                nextId++;
            }
        }
        index.compact();
        Lookups drawn = Lookups.draw(synthetic, rulebook, lookups);
        lookupSubjects = drawn.subjects();
        lookupIds = drawn.ids();
        lookupPolicies = drawn.policies();
    }
}
