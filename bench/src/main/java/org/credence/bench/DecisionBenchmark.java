package org.credence.bench;

import java.util.concurrent.TimeUnit;
import org.credence.scoring.Decision;
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
 * In-process decisions: {@code decide(subject, action, today)} as the server makes it, id looked up in
 * the hot index, then the action's compiled policy evaluated on the subject's history.
 *
 * <p>Workload: {@link Synthetic} population of {@code subjects} (one in ten with records, about 3% of
 * all on the dishonest debtors list), the example catalog, 1,048,576 pre-drawn Zipf lookups cycled
 * through, actions mixed as in {@link Synthetic#ACTIONS}. One thread; the score is per core. Run with
 * {@code -prof gc} to see the allocation per operation, which should be zero.
 *
 * <p>Reproduce from the repository root:
 * <pre>
 * ./mvnw -B -q -pl bench -am package dependency:build-classpath -DskipTests -Dmdep.outputFile=target/classpath.txt
 * java -Xmx8g -cp "bench/target/classes:$(cat bench/target/classpath.txt)" org.openjdk.jmh.Main DecisionBenchmark -p subjects=10000000 -prof gc
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms8g", "-Xmx8g"})
public class DecisionBenchmark {

    static final int LOOKUPS = 1 << 20;

    @Param("10000000")
    int subjects;

    private Population population;
    private int cursor;
    private int day;

    @Setup(Level.Trial)
    public void load() {
        population = new Population(subjects, LOOKUPS);
        day = (int) Synthetic.AS_OF.toEpochDay();
    }

    @Benchmark
    public Decision decide() {
        int i = cursor++ & (LOOKUPS - 1);
        Population p = population;
        return p.index.decide(p.lookupIds[i], p.lookupPolicies[i], day);
    }
}
