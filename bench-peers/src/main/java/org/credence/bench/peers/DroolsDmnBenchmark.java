package org.credence.bench.peers;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.credence.bench.SharedPopulation;
import org.kie.dmn.api.core.DMNResult;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Peer: the same decisions as {@code DecisionBenchmark}, made by Drools DMN (Apache KIE). The example
 * catalog's measures are a COLLECT decision table plus an outcome decision ({@link DmnCatalog}); each
 * operation looks the subject's status up by id, fills a {@code DMNContext} (action, lists, points)
 * and runs {@code evaluateAll}.
 *
 * <p>Workload: the population and lookups of {@code DecisionBenchmark} ({@link SharedPopulation}: the
 * same {@code subjects}, records, 1,048,576 Zipf lookups and action mix). The subject's status (its
 * lists and points on the as-of day) is computed in setup for every subject looked up, from the same
 * hot index, because a Drools user would feed the engine facts, not records. So the figure is the
 * rules engine alone, while Credence's figure also includes working that status out from the records
 * at every decision. One thread; the score is per core.
 *
 * <p>Reproduce from the repository root:
 * <pre>
 * ./mvnw -B -q -pl bench-peers -am install -DskipTests
 * ./mvnw -B -q -pl bench-peers dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
 * java -cp "bench-peers/target/classes:$(cat bench-peers/target/classpath.txt)" org.openjdk.jmh.Main DroolsDmnBenchmark -p subjects=10000000
 * </pre>
 * and {@code DecisionBenchmark} at the same {@code -p subjects} for the ratio ({@code scripts/bench.sh} runs
 * both). Run with {@code -prof gc} for the allocation per decision (about 17 kB).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
// KIE's evaluation path needs about 16 s on 2 cores to settle: before that, 2 s iterations swing
// between 6 and 65 µs/op while the JIT compiles and recompiles it. Measuring after DecisionBenchmark's
// 3×2 s would charge Drools for its warm-up, not its steady state.
@Warmup(iterations = 15, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms8g", "-Xmx8g"})
public class DroolsDmnBenchmark {

    static final int LOOKUPS = 1 << 20;

    @Param("10000000")
    int subjects;

    private DroolsDmn dmn;
    private String[] ids;
    private String[] actions;
    private Map<String, DroolsDmn.Status> statuses;
    private int cursor;

    @Setup(Level.Trial)
    public void load() {
        SharedPopulation population = new SharedPopulation(subjects, LOOKUPS);
        dmn = new DroolsDmn(population.rulebook.catalog());
        ids = population.lookupIds;
        actions = population.lookupActions;
        statuses = new HashMap<>();
        for (String id : ids) {
            statuses.computeIfAbsent(id, k -> DroolsDmn.status(population.rulebook, population.index.history(k),
                    SharedPopulation.AS_OF));
        }
    }

    @Benchmark
    public DMNResult decide() {
        int i = cursor++ & (LOOKUPS - 1);
        return dmn.evaluate(actions[i], statuses.get(ids[i]));
    }
}
