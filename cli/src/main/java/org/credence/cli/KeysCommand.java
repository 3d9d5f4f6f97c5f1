package org.credence.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.credence.api.Clients;
import org.credence.store.Role;
import org.credence.store.sqlite.SqliteStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "keys", description = "Manage API keys.", mixinStandardHelpOptions = true,
        subcommands = KeysCommand.Create.class)
final class KeysCommand {

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create an API key; prints only the key, which is shown this once and stored hashed.")
    static final class Create extends CliCommand {

        @Option(names = "--data", required = true, paramLabel = "DIR")
        Path data;

        @Option(names = "--role", required = true, paramLabel = "ROLE",
                description = "agency, partner, operator, auditor or subject")
        String role;

        @Option(names = "--subject", paramLabel = "ID", description = "The subject a subject key is bound to.")
        String subject;

        @Option(names = "--name", required = true, paramLabel = "NAME")
        String name;

        @Option(names = "--scope", split = ",", paramLabel = "CODE",
                description = "Record types (agency) or actions (partner) the key is limited to.")
        List<String> scopes = List.of();

        @Override
        public Integer call() {
            Role parsed = Role.fromCode(role).orElseThrow(() -> new UserError("unknown role '" + role
                    + "' (roles: agency, partner, operator, auditor, subject)"));
            if ((parsed == Role.SUBJECT) != (subject != null)) {
                throw new UserError(parsed == Role.SUBJECT ? "a subject key needs --subject ID"
                        : "only a subject key is bound to a subject (--subject)");
            }
            try (Node node = Node.open(data, clock)) {
                Optional<String> bound = Optional.ofNullable(subject).map(id -> SubjectArgument.valid(node.ids, id));
                Set<String> codes = new LinkedHashSet<>(scopes);
                var catalog = node.state.snapshot().rulebook().catalog();
                for (String code : codes) {
                    boolean known = switch (parsed) {
                        case AGENCY -> catalog.recordType(code).isPresent();
                        case PARTNER -> catalog.action(code).isPresent();
                        case OPERATOR, AUDITOR, SUBJECT -> throw new UserError("a " + parsed.code() + " key takes no scope");
                    };
                    if (!known) {
                        throw new UserError("scope '" + code + "' is not " + (parsed == Role.AGENCY ? "a record type" : "an action")
                                + " of catalog " + catalog.id() + " v" + catalog.version());
                    }
                }
                out().println(issue(node.store, name, parsed, codes, bound, clock));
            }
            return 0;
        }

        /** Creates a key and audits its creation (never the key itself). */
        static String issue(SqliteStore store, String name, Role role, Set<String> scopes, Optional<String> subject, Clock clock) {
            try {
                return Clients.issue(store, name, role, scopes, subject, clock.instant(),
                        created -> Cli.entry(store, clock, "key.create", subject, "key management", created));
            } catch (IllegalStateException e) {
                throw new UserError(e.getMessage());
            }
        }
    }
}
