package org.credence.scorecard;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.credence.scorecard.data.ArffReader;
import org.credence.scorecard.data.Dataset;
import org.credence.scorecard.data.DatasetReader;
import org.credence.scorecard.data.LabelledDataset;

/**
 * The Statlog German Credit data for tests: {@code ../shared/data/credit-g.arff} beside the
 * repository when present, else the attributed copy in the test resources.
 */
public final class CreditG {
    /** Tests run in the module directory; shared/ sits beside the repository root. */
    private static final Path[] CANDIDATES = {
        Path.of("..", "..", "shared", "data", "credit-g.arff"),
        Path.of("..", "shared", "data", "credit-g.arff")
    };

    private CreditG() {
    }

    /** The file itself, for commands that take a path. */
    public static Path file(Path scratch) throws IOException {
        for (Path candidate : CANDIDATES) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        Path copy = scratch.resolve("credit-g.arff");
        try (var in = CreditG.class.getResourceAsStream("/data/credit-g.arff")) {
            Files.copy(in, copy);
        }
        return copy;
    }

    public static Dataset dataset() {
        for (Path candidate : CANDIDATES) {
            if (Files.isRegularFile(candidate)) {
                return DatasetReader.read(candidate);
            }
        }
        try (Reader reader = new InputStreamReader(CreditG.class.getResourceAsStream("/data/credit-g.arff"),
                StandardCharsets.UTF_8)) {
            return ArffReader.read(reader, "credit-g.arff");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static LabelledDataset labelled() {
        return LabelledDataset.of(dataset(), "class", "bad");
    }
}
