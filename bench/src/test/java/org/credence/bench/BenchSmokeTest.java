package org.credence.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import org.credence.scoring.Decision;
import org.credence.scoring.Rulebook;
import org.credence.scoring.SubjectHistory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each benchmark's workload, once, at a tiny size, so the suite cannot rot between full runs. It checks
 * that the workloads compute the right answers; it times nothing.
 */
class BenchSmokeTest {

    @TempDir
    Path tmp;

    @Test
    void theSyntheticPopulationHasTheAdvertisedShape() {
        Synthetic synthetic = new Synthetic(20_000);
        int withRecords = 0;
        for (int s = 0; s < synthetic.subjects; s++) {
            withRecords += synthetic.hasRecords(s) ? 1 : 0;
        }
        assertThat(withRecords).isBetween(1_800, 2_200);
        assertThat(Synthetic.id(0)).hasSize(18).isNotEqualTo(Synthetic.id(1));
        int[] lookups = synthetic.zipfLookups(10_000, 1);
        Map<Integer, Integer> hits = new HashMap<>();
        for (int s : lookups) {
            assertThat(s).isBetween(0, synthetic.subjects - 1);
            hits.merge(s, 1, Integer::sum);
        }
        // Zipf: the hottest subject takes far more than an even share.
        assertThat(hits.values().stream().mapToInt(Integer::intValue).max().orElseThrow()).isGreaterThan(100);
    }

    @Test
    void inProcessDecisionsDenyListedSubjectsAndMatchAFreshlyBuiltHistory() {
        Population population = new Population(20_000, 4_096);
        Rulebook rulebook = population.rulebook;
        int day = (int) Synthetic.AS_OF.toEpochDay();
        Map<Decision.Outcome, Integer> outcomes = new HashMap<>();
        for (int i = 0; i < population.lookupIds.length; i++) {
            Decision decision = rulebook.decide(population.index.history(population.lookupIds[i]),
                    population.lookupPolicies[i], day);
            // The cached answer equals one computed from a history built here from the records.
            SubjectHistory rebuilt = SubjectHistory.EMPTY;
            long id = 1;
            for (var r : population.synthetic.records(population.lookupSubjects[i])) {
                int type = rulebook.typeIndex(r.type()).orElseThrow();
                int occurred = (int) r.occurredAt().toEpochDay();
                rebuilt = rebuilt.with(id++, type, occurred, rulebook.expiresDay(type, occurred),
                        org.credence.record.RecordState.RECORDED);
            }
            assertThat(decision).isEqualTo(rulebook.decide(rebuilt, population.lookupPolicies[i], Synthetic.AS_OF));
            outcomes.merge(decision.outcome(), 1, Integer::sum);
        }
        assertThat(outcomes).containsKeys(Decision.Outcome.ALLOW, Decision.Outcome.DENY);
    }

    @Test
    void theSqlPeerAnswersAsTheHotIndexDoes() throws SQLException {
        Population population = new Population(3_000, 2_000);
        try (var peer = SqlPeer.sqlite(tmp.resolve("data"), population.synthetic, population.rulebook)) {
            int day = (int) Synthetic.AS_OF.toEpochDay();
            for (int i = 0; i < population.lookupIds.length; i++) {
                Decision fromIndex = population.rulebook.decide(population.index.history(population.lookupIds[i]),
                        population.lookupPolicies[i], day);
                assertThat(peer.decide(population.lookupIds[i], population.lookupPolicies[i])).isEqualTo(fromIndex);
            }
        }
    }
}
