package org.credence.bench;

import java.time.LocalDate;
import org.credence.catalog.Catalog;
import org.credence.scoring.Rulebook;
import org.credence.state.SubjectIndex;

/**
 * The population and lookups of {@code DecisionBenchmark}, opened to the peer benchmarks. It lives in
 * bench's package because {@link Population} and {@link Synthetic} are package-private there; using
 * them (rather than a copy) is what guarantees the peers see the very same subjects, records and
 * Zipf lookups as the in-process figure they are compared with.
 */
public final class SharedPopulation {

    /** The day every decision is asked for. */
    public static final LocalDate AS_OF = Synthetic.AS_OF;

    public final Rulebook rulebook;
    public final SubjectIndex index;
    /** Subject id of lookup {@code i}. */
    public final String[] lookupIds;
    /** Action of lookup {@code i}, mixed as in {@code DecisionBenchmark}. */
    public final String[] lookupActions;

    public SharedPopulation(int subjects, int lookups) {
        Population p = new Population(subjects, lookups);
        rulebook = p.rulebook;
        index = p.index;
        lookupIds = p.lookupIds;
        lookupActions = new String[lookups];
        for (int i = 0; i < lookups; i++) {
            lookupActions[i] = p.lookupPolicies[i].action();
        }
    }

    /** The example catalog, read from {@code catalogs/example-city.yaml} as bench reads it. */
    public static Catalog exampleCatalog() {
        return Synthetic.exampleCatalog();
    }
}
