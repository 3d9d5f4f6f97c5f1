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
        lookupSubjects = synthetic.zipfLookups(lookups, 42);
        lookupIds = new String[lookups];
        lookupPolicies = new Rulebook.ActionPolicy[lookups];
        // A string per lookup, made in the order they are asked: a partner's id arrives with its request
        // and is in cache when looked up, as these are when read in turn; one string shared by every
        // look-up of a subject would instead cost a cache miss on the string itself.
        for (int i = 0; i < lookups; i++) {
            lookupIds[i] = Synthetic.id(lookupSubjects[i]);
            lookupPolicies[i] = rulebook.policy(Synthetic.ACTIONS[i & (Synthetic.ACTIONS.length - 1)]).orElseThrow();
        }
    }
}
