package org.credence.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.credence.store.AuditLog.AuditEntry;
import org.credence.store.AuditLog.AuditEvent;
import org.credence.store.AuditLog.Broken;
import org.credence.store.AuditLog.Intact;

/**
 * Whatever text the entries hold, the trail verifies; and whichever stored value of whichever entry
 * is changed to whatever else, verification names that very entry.
 */
class AuditTamperPropertiesTest {

    private static final List<String> COLUMNS = List.of("at", "actor", "role", "action", "subject_hash", "purpose",
            "outcome", "previous_hash", "hash");

    @Provide
    Arbitrary<List<AuditEvent>> events() {
        Arbitrary<String> text = Arbitraries.strings().ofMaxLength(40);
        Arbitrary<AuditEvent> event = Arbitraries.longs().between(0, 4_000_000_000L).flatMap(second ->
                text.list().ofSize(6).map(t -> new AuditEvent(Fixtures.T0.plusSeconds(second).plusNanos(second % 1000),
                        t.get(0), t.get(1), t.get(2), t.get(3).isEmpty() ? Optional.empty() : Optional.of(t.get(3)),
                        t.get(4), t.get(5))));
        return event.list().ofMinSize(1).ofMaxSize(30);
    }

    @Property(tries = 30)
    void anyChangeToAnyValueIsNamedAtItsEntry(@ForAll("events") List<AuditEvent> events,
                                              @ForAll @IntRange(min = 0, max = 1_000) int pick,
                                              @ForAll @IntRange(min = 0, max = 8) int column,
                                              @ForAll("replacements") String replacement) throws SQLException {
        Path dataDir = Fixtures.temporaryDirectory("credence-audit-property");
        try {
            List<AuditEntry> written;
            try (SqliteStore store = SqliteStore.open(dataDir)) {
                List<CompletableFuture<AuditEntry>> futures = new ArrayList<>();
                events.forEach(e -> futures.add(store.audit().append(e)));
                written = futures.stream().map(CompletableFuture::join).toList();
                assertThat(store.audit().verify()).isEqualTo(new Intact(events.size(), written.getLast().hash()));
            }
            long target = 1 + pick % events.size();
            String name = COLUMNS.get(column);
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve(Database.FILE_NAME));
                 PreparedStatement update = c.prepareStatement(
                         "UPDATE audit SET " + name + " = ? WHERE seq = ? AND " + name + " IS NOT ?")) {
                update.setString(1, replacement);
                update.setLong(2, target);
                update.setString(3, replacement);
                if (update.executeUpdate() == 0) {
                    return; // the value was already the replacement: nothing was changed
                }
            }
            try (SqliteStore store = SqliteStore.open(dataDir)) {
                assertThat(store.audit().verify()).isInstanceOf(Broken.class)
                        .extracting(v -> ((Broken) v).seq()).isEqualTo(target);
            }
        } finally {
            Fixtures.deleteTree(dataDir);
        }
    }

    @Provide
    Arbitrary<String> replacements() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(70), Arbitraries.just(SqliteAuditLog.GENESIS));
    }

}
