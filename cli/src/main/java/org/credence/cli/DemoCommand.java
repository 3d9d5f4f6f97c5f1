package org.credence.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.credence.catalog.Catalog;
import org.credence.catalog.CreditList;
import org.credence.subject.SubjectKind;
import org.credence.store.Role;
import org.credence.store.sqlite.SqliteStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Build a fresh data directory with the example catalog and a synthetic population, "
                + "create one key per role, and serve.")
final class DemoCommand extends CliCommand {

    @Option(names = "--data", defaultValue = "demo-data", paramLabel = "DIR",
            description = "Data directory to (re)build (default: ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--persons", defaultValue = "100000", paramLabel = "N")
    int persons;

    @Option(names = "--organizations", defaultValue = "10000", paramLabel = "M")
    int organizations;

    @Option(names = "--seed", defaultValue = "2026", paramLabel = "S")
    long seed;

    @Option(names = "--port", defaultValue = "8080", paramLabel = "N")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "HOST")
    String host;

    @Mixin
    Dates dates;

    @Override
    public Integer call() throws IOException, InterruptedException {
        long started = System.nanoTime();
        PrintWriter out = out();
        Clock at = dates.clock(clock);
        fresh(data);
        Catalog catalog = GenerateCommand.exampleCatalog();
        Map<Role, String> keys = new LinkedHashMap<>();
        try (SqliteStore store = SqliteStore.open(data)) {
            store.activate(catalog.id(), catalog.version(), GenerateCommand.exampleCatalogText(), at.instant(),
                    Cli.entry(store, at, "catalog.load", Optional.empty(), "demo",
                            catalog.id() + " v" + catalog.version() + " active"));
            for (Role role : Role.values()) {
                if (role != Role.SUBJECT) {
                    keys.put(role, KeysCommand.Create.issue(store, "demo-" + role.code(), role, Set.of(), Optional.empty(), at));
                }
            }
        }
        Path population = data.resolve("population.ndjson");
        long records = GenerateCommand.generate(catalog, persons, organizations, seed, dates.asOf(clock), population);
        out.println("generated " + records + " records about " + persons + " persons and " + organizations + " organizations");
        try (Node node = Node.open(data, at)) {
            ImportCommand.run(node, population, out, err());
            String listed = listedPerson(node);
            keys.put(Role.SUBJECT, KeysCommand.Create.issue(node.store, "demo-subject", Role.SUBJECT, Set.of(),
                    Optional.of(listed), at));
            ServeCommand.serve(node, node.backend(), host, port, out, () -> {
                out.println("Open http://" + host + ":" + port + "/ in a browser; sign in there with the subject or operator key below.");
                out.println();
                out.println("Demo keys (Authorization: Bearer KEY):");
                keys.forEach((role, key) -> out.printf("  %-9s %s%n", role.code(), key));
                out.printf("Ready in %.1f s. Try:%n", (System.nanoTime() - started) / 1e9);
                out.println("  curl -s http://" + host + ":" + port + "/api/v1/catalog");
                out.println("  curl -s -H 'Authorization: Bearer " + keys.get(Role.PARTNER) + "' -d '{\"subject\":\"ID\","
                        + "\"action\":\"travel.air.ticket\",\"purpose\":\"ticket sale\"}' http://" + host + ":" + port
                        + "/api/v1/decisions");
                out.println("  curl -s -H 'Authorization: Bearer " + keys.get(Role.SUBJECT) + "' http://" + host + ":" + port
                        + "/api/v1/subjects/" + listed + "/file");
                out.println("The subject key belongs to " + listed + ", a person on the dishonest debtors list.");
                out.println("Other subjects to look at: head " + population);
                out.flush();
            });
        }
        return 0;
    }

    /** A person on a black list, to give the demo's subject key something to see, dispute and repair. */
    private static String listedPerson(Node node) {
        var snapshot = node.state.snapshot();
        LocalDate today = node.today();
        String[] found = new String[1];
        snapshot.index().forEach((id, entry) -> {
            if (found[0] == null || id.compareTo(found[0]) < 0) {
                boolean listed = entry.kind() == SubjectKind.PERSON && snapshot.rulebook().memberships(entry.history(), today)
                        .stream().anyMatch(m -> m.list().kind() == CreditList.Kind.BLACK);
                if (listed) {
                    found[0] = id;
                }
            }
        });
        if (found[0] == null) {
            throw new UserError("the generated population has no listed person; try more --persons");
        }
        return found[0];
    }

    /** Empties {@code dir} for a fresh demo, refusing to touch a directory that is not a Credence data directory. */
    private static void fresh(Path dir) throws IOException {
        if (Files.exists(dir)) {
            boolean ours = Files.exists(dir.resolve("credence.db"));
            try (Stream<Path> entries = Files.list(dir)) {
                if (!ours && entries.findAny().isPresent()) {
                    throw new UserError(dir + " exists and is not a Credence data directory; choose another --data");
                }
            }
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(dir);
    }
}
