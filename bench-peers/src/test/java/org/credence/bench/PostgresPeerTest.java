package org.credence.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.EnumMap;
import java.util.Map;
import org.credence.bench.peers.PostgresCluster;
import org.credence.scoring.Decision;
import org.junit.jupiter.api.Test;

/**
 * The PostgreSQL peer's workload once, at a tiny size, on a real server started from the machine's
 * binaries: it answers as the hot index does, so its timing in {@link PostgresPerDecisionBenchmark} is
 * a timing of the same work. It times nothing.
 */
class PostgresPeerTest {

    @Test
    void thePostgresPeerAnswersAsTheHotIndexDoes() throws SQLException {
        Population population = new Population(3_000, 2_000);
        int day = (int) Synthetic.AS_OF.toEpochDay();
        Map<Decision.Outcome, Integer> outcomes = new EnumMap<>(Decision.Outcome.class);
        try (PostgresCluster cluster = PostgresCluster.start(PostgresCluster.FOR_TESTS);
                SqlPeer peer = SqlPeer.postgres(cluster.connect(), population.synthetic, population.rulebook)) {
            for (int i = 0; i < population.lookupIds.length; i++) {
                Decision fromIndex = population.rulebook.decide(population.index.history(population.lookupIds[i]),
                        population.lookupPolicies[i], day);
                Decision fromPostgres = peer.decide(population.lookupIds[i], population.lookupPolicies[i]);
                assertThat(fromPostgres).as("lookup %d, subject %s", i, population.lookupIds[i]).isEqualTo(fromIndex);
                outcomes.merge(fromPostgres.outcome(), 1, Integer::sum);
            }
        }
        assertThat(outcomes).containsKeys(Decision.Outcome.ALLOW, Decision.Outcome.DENY);
    }
}
