package org.credence.scorecard.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import org.credence.scorecard.ProtectedAttributeRefused;
import org.credence.scorecard.ScorecardException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Shared behaviour of the scorecard commands: output through picocli's writers, and every failure
 * the user can fix reported as one line on standard error with a distinct exit code.
 */
abstract class ScorecardSubcommand implements Callable<Integer> {
    /** The data, the model or an argument was unusable. */
    static final int INVALID_INPUT = 1;
    /** A protected attribute was asked for. */
    static final int REFUSED = 3;

    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() {
        try {
            run();
            return 0;
        } catch (ProtectedAttributeRefused e) {
            error(e.getMessage());
            return REFUSED;
        } catch (ScorecardException e) {
            error(e.getMessage());
            return INVALID_INPUT;
        } catch (UncheckedIOException e) {
            error(e.getCause().getMessage());
            return INVALID_INPUT;
        }
    }

    abstract void run();

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    private void error(String message) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("credence scorecard " + spec.name() + ": " + message);
        err.flush();
    }
}
