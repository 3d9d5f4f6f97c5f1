package org.credence.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.credence.scorecard.ApplicantEncoder;
import org.credence.scorecard.CompiledScorecard;
import org.credence.scorecard.Scorecard;
import org.credence.scorecard.ScorecardTrainer;
import org.credence.scorecard.Scoring;
import org.credence.scorecard.TrainingSpec;
import org.credence.scorecard.data.DatasetReader;
import org.credence.scorecard.data.LabelledDataset;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Scoring speed of the statistical scorecard once its model is loaded, in applicants per second
 * on one thread (one core).
 *
 * <p>Workload: the standard scorecard trained on the Statlog German Credit data (12 attributes,
 * 2–5 bins each); the 1,000 applicants of that file, encoded once into the scorecard's value layout
 * and cycled in batches of 1,024. Each operation is one applicant:
 * <ul>
 *   <li>{@code score}: raw values to a 350–950 score (bin lookup and points);</li>
 *   <li>{@code scoreWithReasons}: the full adverse-action path, values to bins, score, probability of
 *       a bad outcome and the four reason codes (as attribute indices; the words are a table lookup).</li>
 * </ul>
 * Neither allocates. Training and encoding happen in the setup and are not measured.
 *
 * <p>Reproduce from the repository root (the data file is read from {@code ../shared/data}; pass
 * {@code -p data=PATH} to read it elsewhere):
 * <pre>
 * ./mvnw -B -q -pl bench -am package dependency:build-classpath -DskipTests -Dmdep.outputFile=target/classpath.txt
 * java -cp "bench/target/classes:$(cat bench/target/classpath.txt)" org.openjdk.jmh.Main ScorecardBenchmark -wi 2 -i 3 -f 1
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@Threads(1)
public class ScorecardBenchmark {
    private static final int BATCH = 1024;

    @Param("../shared/data/credit-g.arff")
    public String data;

    private CompiledScorecard scorecard;
    private double[][] applicants;
    private int[] bins;
    private int[] reasons;

    @Setup
    public void setUp() {
        Path file = Path.of(data);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(file.toAbsolutePath() + " not found; pass -p data=PATH to credit-g.arff");
        }
        LabelledDataset labelled = LabelledDataset.of(DatasetReader.read(file), "class", "bad");
        Scorecard model = ScorecardTrainer.train(labelled, TrainingSpec.standard());
        double[][] encoded = ApplicantEncoder.encode(model, labelled.features());
        applicants = new double[BATCH][];
        for (int i = 0; i < BATCH; i++) {
            applicants[i] = encoded[i % encoded.length];
        }
        scorecard = model.compile();
        bins = new int[scorecard.attributes()];
        reasons = new int[Scoring.REASONS];
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long score() {
        long sum = 0;
        for (double[] applicant : applicants) {
            sum += scorecard.scoreValues(applicant);
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public double scoreWithReasons() {
        double sum = 0;
        for (double[] applicant : applicants) {
            scorecard.assignBins(applicant, bins);
            int count = scorecard.reasons(bins, reasons);
            sum += scorecard.score(bins) + scorecard.probabilityBad(bins) + count + reasons[0];
        }
        return sum;
    }
}
