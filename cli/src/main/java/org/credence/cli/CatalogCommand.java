package org.credence.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.credence.catalog.Catalog;
import org.credence.catalog.CatalogReader;
import org.credence.formats.CatalogYaml;
import org.credence.store.sqlite.SqliteStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "catalog", description = "Check and load rule catalogs.", mixinStandardHelpOptions = true,
        subcommands = {CatalogCommand.Check.class, CatalogCommand.Load.class})
final class CatalogCommand {

    /** Reads and validates a catalog file, printing one line per problem to {@code out}. */
    static Catalog validated(Path file, PrintWriter out) {
        String yaml = read(file);
        return switch (CatalogYaml.read(yaml)) {
            case CatalogReader.Valid valid -> valid.catalog();
            case CatalogReader.Invalid invalid -> {
                invalid.problems().forEach(out::println);
                throw new UserError(file + ": " + invalid.problems().size() + " problem(s); the catalog is not valid");
            }
        };
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserError("cannot read " + file + ": " + e.getMessage());
        }
    }

    static String summary(Catalog c) {
        return "catalog " + c.id() + " v" + c.version() + ": " + c.recordTypes().size() + " record types, "
                + c.lists().size() + " lists, " + c.actions().size() + " actions, " + c.measures().size() + " measures";
    }

    @Command(name = "check", description = "Validate a catalog against the rule-of-law lint; exit 0 when valid.",
            mixinStandardHelpOptions = true)
    static final class Check extends CliCommand {

        @Parameters(paramLabel = "FILE")
        Path file;

        @Override
        public Integer call() {
            Catalog catalog = validated(file, out());
            out().println(file + ": valid (" + summary(catalog) + ")");
            return 0;
        }
    }

    @Command(name = "load", description = "Validate a catalog and make it the active version of a data directory.",
            mixinStandardHelpOptions = true)
    static final class Load extends CliCommand {

        @Parameters(paramLabel = "FILE")
        Path file;

        @Option(names = "--data", required = true, paramLabel = "DIR")
        Path data;

        @Override
        public Integer call() {
            Catalog catalog = validated(file, out());
            try (SqliteStore store = SqliteStore.open(data)) {
                store.activate(catalog.id(), catalog.version(), read(file), clock.instant(),
                        Cli.entry(store, clock, "catalog.load", Optional.empty(), "catalog load from " + file,
                                catalog.id() + " v" + catalog.version() + " active"));
            } catch (IllegalStateException e) {
                throw new UserError(e.getMessage());
            }
            out().println("loaded " + summary(catalog) + " into " + data);
            return 0;
        }
    }
}
