package org.credence.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import org.credence.scorecard.cli.ScorecardCommand;
import org.credence.store.StoreException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The one command-line entry point. */
@Command(name = "credence", mixinStandardHelpOptions = true, version = "credence 0.1.0",
        description = "A public credit-information system with published rules, explanations and an audit trail.",
        subcommands = {
                CatalogCommand.class,
                ImportCommand.class,
                FileCommand.class,
                DecideCommand.class,
                KeysCommand.class,
                GenerateCommand.class,
                ServeCommand.class,
                VerifyCommand.class,
                DemoCommand.class,
                ScorecardCommand.class,
        })
public final class Main {

    public static void main(String[] args) {
        System.exit(run(Clock.systemDefaultZone(), new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs one command line with the given clock and streams; returns the exit code. */
    public static int run(Clock clock, PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new Main(), new Factory(clock));
        cli.setOut(out);
        cli.setErr(err);
        cli.registerConverter(LocalDate.class, LocalDate::parse);
        cli.registerConverter(Path.class, Path::of);
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            if (e instanceof UserError) {
                line.getErr().println("credence: " + e.getMessage());
                return 1;
            }
            if (e instanceof StoreException) {
                // The store's own words say what is wrong with the data directory; a trace would bury them.
                line.getErr().println("credence: " + e.getMessage() + (e.getCause() == null ? "" : " (" + e.getCause().getMessage() + ")"));
                return 1;
            }
            throw e;
        });
        return cli.execute(args);
    }

    /** Gives every command the injected clock; picocli builds the rest. */
    private record Factory(Clock clock) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            if (Clocked.class.isAssignableFrom(type)) {
                K command = CommandLine.defaultFactory().create(type);
                ((Clocked) command).clock(clock);
                return command;
            }
            return CommandLine.defaultFactory().create(type);
        }
    }

    /** A command whose results depend on the date. */
    interface Clocked {
        void clock(Clock clock);
    }
}
