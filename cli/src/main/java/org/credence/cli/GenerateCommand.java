package org.credence.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.credence.catalog.Catalog;
import org.credence.catalog.CatalogReader;
import org.credence.formats.CatalogYaml;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Write a deterministic synthetic population's records as NDJSON.")
final class GenerateCommand extends CliCommand {

    /** The example catalog shipped inside the application. */
    static final String EXAMPLE_CATALOG = "catalogs/example-city.yaml";

    @Option(names = "--subjects", required = true, paramLabel = "N", description = "Persons to generate.")
    int subjects;

    @Option(names = "--organizations", paramLabel = "M", description = "Organizations to generate (default: N/10).")
    Integer organizations;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S")
    long seed;

    @Option(names = "--out", required = true, paramLabel = "FILE")
    Path out;

    @Option(names = "--catalog", paramLabel = "FILE", description = "Catalog whose record types to draw (default: the example city).")
    Path catalog;

    @Mixin
    Dates dates;

    @Override
    public Integer call() throws IOException {
        if (subjects < 0 || (organizations != null && organizations < 0)) {
            throw new UserError("--subjects and --organizations must not be negative");
        }
        Catalog rules = catalog == null ? exampleCatalog() : CatalogCommand.validated(catalog, err());
        int orgs = organizations == null ? subjects / 10 : organizations;
        long records = generate(rules, subjects, orgs, seed, dates.asOf(clock), out);
        out().println(out + ": " + records + " records about " + subjects + " persons and "
                + orgs + " organizations (seed " + seed + ")");
        return 0;
    }

    static long generate(Catalog rules, int persons, int organizations, long seed, java.time.LocalDate asOf, Path out)
            throws IOException {
        try (Writer writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            return new Population(rules, seed, asOf).write(persons, organizations, writer);
        }
    }

    static String exampleCatalogText() {
        try (InputStream in = GenerateCommand.class.getClassLoader().getResourceAsStream(EXAMPLE_CATALOG)) {
            if (in == null) {
                throw new IllegalStateException(EXAMPLE_CATALOG + " is missing from the application");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + EXAMPLE_CATALOG, e);
        }
    }

    static Catalog exampleCatalog() {
        return switch (CatalogYaml.read(exampleCatalogText())) {
            case CatalogReader.Valid valid -> valid.catalog();
            case CatalogReader.Invalid invalid -> throw new IllegalStateException("the shipped example catalog is invalid: "
                    + invalid.problems());
        };
    }
}
