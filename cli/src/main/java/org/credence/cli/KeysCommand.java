package org.credence.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.credence.api.Clients;
import org.credence.store.Role;
import org.credence.store.sqlite.SqliteStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "keys", description = "Manage API keys.", mixinStandardHelpOptions = true,
        subcommands = KeysCommand.Create.class)
final class KeysCommand {

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create an API key; prints only the key, which is shown this once and stored hashed.")
    static final class Create implements Callable<Integer>, Main.Clocked {
        @Spec
        CommandSpec spec;

        @Option(names = "--data", required = true, paramLabel = "DIR")
        Path data;

        @Option(names = "--role", required = true, paramLabel = "ROLE", description = "agency, partner, operator or auditor")
        String role;

        @Option(names = "--name", required = true, paramLabel = "NAME")
        String name;

        @Option(names = "--scope", split = ",", paramLabel = "CODE",
                description = "Record types (agency) or actions (partner) the key is limited to.")
        List<String> scopes = List.of();

        private Clock clock;

        @Override
        public void clock(Clock clock) {
            this.clock = clock;
        }

        @Override
        public Integer call() {
            Role parsed = Role.fromCode(role).orElseThrow(() -> new UserError("unknown role '" + role
                    + "' (roles: agency, partner, operator, auditor)"));
            try (Node node = Node.open(data, clock)) {
                Set<String> codes = new LinkedHashSet<>(scopes);
                var catalog = node.state.snapshot().rulebook().catalog();
                for (String code : codes) {
                    boolean known = switch (parsed) {
                        case AGENCY -> catalog.recordType(code).isPresent();
                        case PARTNER -> catalog.action(code).isPresent();
                        case OPERATOR, AUDITOR -> throw new UserError("an " + parsed.code() + " key takes no scope");
                    };
                    if (!known) {
                        throw new UserError("scope '" + code + "' is not " + (parsed == Role.AGENCY ? "a record type" : "an action")
                                + " of catalog " + catalog.id() + " v" + catalog.version());
                    }
                }
                spec.commandLine().getOut().println(issue(node.store, name, parsed, codes, clock));
            }
            return 0;
        }

        static String issue(SqliteStore store, String name, Role role, Set<String> scopes, Clock clock) {
            try {
                return Clients.issue(store, name, role, scopes, clock.instant());
            } catch (IllegalStateException e) {
                throw new UserError(e.getMessage());
            }
        }
    }
}
