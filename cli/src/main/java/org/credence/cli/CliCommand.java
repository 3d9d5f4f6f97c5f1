package org.credence.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What every command has: its place in the command line (for its streams) and the injected clock. */
abstract class CliCommand implements Callable<Integer>, Main.Clocked {

    @Spec
    CommandSpec spec;

    /** Injected by {@link Main}'s factory before the command runs; never the system clock directly. */
    Clock clock;

    @Override
    public void clock(Clock clock) {
        this.clock = clock;
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
