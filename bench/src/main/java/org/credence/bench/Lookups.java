package org.credence.bench;

import org.credence.scoring.Rulebook;

/**
 * The decisions every benchmark of the suite asks for: {@code n} Zipf-drawn subjects of a
 * {@link Synthetic} population (seed 42), each with its id string and the action's compiled policy,
 * actions mixed as in {@link Synthetic#ACTIONS}. One drawing shared by the in-process figure and its
 * peers is what makes their ratios ratios of the same work.
 */
record Lookups(int[] subjects, String[] ids, Rulebook.ActionPolicy[] policies) {

    static Lookups draw(Synthetic synthetic, Rulebook rulebook, int n) {
        int[] subjects = synthetic.zipfLookups(n, 42);
        String[] ids = new String[n];
        Rulebook.ActionPolicy[] policies = new Rulebook.ActionPolicy[n];
        // A string per lookup, made in the order they are asked: a partner's id arrives with its request
        // and is in cache when looked up, as these are when read in turn; one string shared by every
        // look-up of a subject would instead cost a cache miss on the string itself.
        for (int i = 0; i < n; i++) {
            ids[i] = Synthetic.id(subjects[i]);
            policies[i] = rulebook.policy(Synthetic.ACTIONS[i & (Synthetic.ACTIONS.length - 1)]).orElseThrow();
        }
        return new Lookups(subjects, ids, policies);
    }
}
