package org.credence.scorecard.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code credence scorecard}: train, apply and report on the statistical 350–950 credit score. */
@Command(name = "scorecard",
        description = "Statistical 350-950 credit score: train a scorecard, score applicants with reasons, report on fairness.",
        subcommands = {TrainCommand.class, ScoreCommand.class, ReportCommand.class},
        mixinStandardHelpOptions = true)
public final class ScorecardCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    public ScorecardCommand() {
        // picocli instantiates commands reflectively
    }

    /** Without a subcommand, shows what the subcommands are and fails as a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return CommandLine.ExitCode.USAGE;
    }
}
