package org.credence.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report's CPU per decision, by part, as {@code scripts/cpu-split.awk} works it out from two samples
 * of the server's threads: run by the real awk on samples written here, so a broken program or a wrong
 * sum fails the test command rather than leave a column of the next full run empty.
 */
class CpuSplitScriptTest {

    @TempDir
    Path tmp;

    @Test
    void splitsTheServersCpuPerDecisionByPart() throws Exception {
        // Ticks per thread (tid, ticks, part), then the whole process's; 100 ticks a second.
        Path before = write("before", """
                11 100 writer
                12 50 keeper
                13 200 http
                14 10 gc
                15 30 jit
                16 5 other
                total 400
                """);
        // Thread 16 ended during the run; thread 17 started during it.
        Path after = write("after", """
                11 300 writer
                12 70 keeper
                13 600 http
                14 30 gc
                15 40 jit
                17 20 http
                total 1100
                """);

        String line = split(before, after, 1_000, 100);

        // 700 ticks in all over 1,000 decisions at 100 a second: 7,000 us each. Live threads account
        // for 200 + 20 + 420 + 20 + 10 = 670; the other 30 (thread 16's and the rest) are "other".
        assertThat(line).isEqualTo("cpu_us=7000.00 cpu_us_writer=2000.00 cpu_us_keeper=200.00 cpu_us_http=4200.00"
                + " cpu_us_gc=200.00 cpu_us_jit=100.00 cpu_us_other=300.00");
    }

    @Test
    void otherIsNeverBelowZero() throws Exception {
        Path before = write("before", "11 0 writer\ntotal 0\n");
        // The threads' ticks sum to more than the process's: the two clocks round apart.
        Path after = write("after", "11 101 writer\ntotal 100\n");

        assertThat(split(before, after, 100, 100)).endsWith("cpu_us_other=0.00").startsWith("cpu_us=10000.00 cpu_us_writer=10100.00");
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(tmp.resolve(name), text);
    }

    private static String split(Path before, Path after, long decisions, int hz) throws Exception {
        Path script = Path.of("..", "scripts", "cpu-split.awk");
        Process awk = new ProcessBuilder("awk", "-v", "n=" + decisions, "-v", "hz=" + hz, "-f", script.toString(),
                before.toString(), after.toString()).redirectErrorStream(true).start();
        assertThat(awk.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String out = new String(awk.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(awk.exitValue()).as(out).isZero();
        return out;
    }
}
