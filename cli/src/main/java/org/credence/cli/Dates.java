package org.credence.cli;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import picocli.CommandLine;

/** The {@code --as-of} option: every result that depends on time is computed as of this date. */
final class Dates {

    @CommandLine.Option(names = "--as-of", paramLabel = "YYYY-MM-DD",
            description = "Compute as of this date (default: today).")
    LocalDate asOf;

    LocalDate asOf(Clock clock) {
        return asOf != null ? asOf : LocalDate.now(clock);
    }

    /** A clock standing at the start of the as-of day, or the system clock when none was given. */
    Clock clock(Clock system) {
        return asOf == null ? system : Clock.fixed(asOf.atStartOfDay(ZoneId.systemDefault()).toInstant(), ZoneId.systemDefault());
    }
}
