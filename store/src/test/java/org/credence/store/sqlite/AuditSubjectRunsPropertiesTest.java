package org.credence.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.credence.store.AuditLog.AuditEntry;
import org.credence.store.AuditLog.AuditEvent;
import org.credence.store.AuditLog.Intact;
import org.credence.store.AuditLog.Keep;
import org.credence.store.AuditLog.Item;
import org.credence.store.AuditLog.Query;

/**
 * The index by subject answers exactly what a scan of the whole trail would, whatever mix of appends,
 * flushes, merges and restarts came before: with steps of 6 rows, merges of 3 and blocks of 2 or 3
 * rows, a few dozen entries about five subjects go through every state (tail, level 0, level 1), every
 * boundary between them, blocks of one subject and of several, and subjects that span blocks, cut by
 * merges anywhere.
 */
class AuditSubjectRunsPropertiesTest {

    private static final List<Optional<String>> SUBJECTS = List.of(Optional.of("aa".repeat(16)),
            Optional.of("bb".repeat(16)), Optional.of("cc".repeat(16)), Optional.of("dd".repeat(16)),
            Optional.of("ee".repeat(16)), Optional.empty());
    private static final int NAMED = SUBJECTS.size() - 2;
    /** Entries read back at a time when a question keeps decisions only: small, so that it reads many pages. */
    private static final int PAGE = 2;

    sealed interface Step {
    }

    record Append(List<AuditEvent> events) implements Step {
    }

    record Maintain(boolean idle, int times) implements Step {
    }

    record Reopen() implements Step {
    }

    /** A question: about {@code SUBJECTS.get(subject)} (the last: about no subject, by time alone), of decisions only or not. */
    record Ask(int subject, int from, int span, int limit, boolean newest, boolean decisionsOnly) {
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        // Times go back and forth, so listing order (time, then number) differs from chain order.
        // A decision, or a subject's own read of its log, which a query of decisions passes over.
        Arbitrary<AuditEvent> single = Combinators.combine(Arbitraries.integers().between(0, SUBJECTS.size() - 1),
                Arbitraries.integers().between(0, 40), Arbitraries.of("decision", "access_log.read"))
                .as((subject, second, action) -> new AuditEvent(Fixtures.T0.plusSeconds(second), "partner-1", "partner",
                        action, SUBJECTS.get(subject), "ticket sale", "allow"));
        // A batch: its items may name a subject twice, and may outweigh a whole step on their own.
        Arbitrary<AuditEvent> batch = Combinators.combine(Arbitraries.integers().between(0, NAMED).list().ofMinSize(1)
                .ofMaxSize(9), Arbitraries.integers().between(0, 40)).as((subjects, second) -> new AuditEvent(
                        Fixtures.T0.plusSeconds(second), "partner-1", "partner", "decision", Optional.empty(),
                        "ticket sale", subjects.size() + " decisions", subjects.stream()
                                .map(subject -> new Item(SUBJECTS.get(subject).orElseThrow(), "allow")).toList()));
        Arbitrary<AuditEvent> event = Arbitraries.frequencyOf(Tuple.of(4, single), Tuple.of(1, batch));
        Arbitrary<Step> append = event.list().ofMinSize(1).ofMaxSize(12).map(Append::new);
        Arbitrary<Step> maintain = Combinators.combine(Arbitraries.of(true, false), Arbitraries.integers().between(1, 6))
                .as(Maintain::new);
        return Arbitraries.frequencyOf(
                Tuple.of(5, append), Tuple.of(3, maintain),
                Tuple.of(1, Arbitraries.just(new Reopen()))).list().ofMinSize(1).ofMaxSize(25);
    }

    @Provide
    Arbitrary<List<Ask>> asks() {
        // Limits below most subjects' counts, so that which end is kept shows; with decisions only and a
        // window of time, even these sometimes keep all.
        return Combinators.combine(Arbitraries.integers().between(0, NAMED + 1), Arbitraries.integers().between(-1, 41),
                Arbitraries.integers().between(0, 45), Arbitraries.integers().between(1, 5), Arbitraries.of(false, true),
                Arbitraries.of(false, true))
                .as(Ask::new)
                .list().ofMinSize(1).ofMaxSize(8);
    }

    @Property(tries = 40)
    void aSubjectsEntriesAreThoseAScanWouldFind(@ForAll("steps") List<Step> steps, @ForAll("asks") List<Ask> asks)
            throws Exception {
        Path dataDir = Fixtures.temporaryDirectory("credence-audit-runs");
        List<AuditEntry> written = new ArrayList<>();
        Database db = Database.open(dataDir);
        // Not kept: the steps are the test's to take.
        AuditSubjectIndex index = AuditSubjectIndex.open(dataDir, new AuditSubjectRuns(6, 3, 3));
        SqliteAuditLog audit = new SqliteAuditLog(db, index, PAGE);
        try {
            for (Step step : steps) {
                switch (step) {
                    case Append append -> written.addAll(Fixtures.appendEach(audit, append.events()));
                    case Maintain maintain -> {
                        for (int i = 0; i < maintain.times(); i++) {
                            index.maintain(maintain.idle());
                        }
                    }
                    case Reopen reopen -> {
                        audit.close();
                        index.close();
                        db.close();
                        db = Database.open(dataDir);
                        index = AuditSubjectIndex.open(dataDir, new AuditSubjectRuns(6, 3, 3));
                        audit = new SqliteAuditLog(db, index, PAGE);
                    }
                }
                for (Ask ask : asks) {
                    assertThat(seqs(audit, ask)).as("%s after %s", ask, step).isEqualTo(expected(written, ask));
                }
            }
            // Caught up, the runs hold everything and level 0 is below a merge. Every step makes
            // progress, so a few hundred suffice for this many entries.
            int taken = 0;
            while (index.maintain(true)) {
                assertThat(++taken).as("maintenance steps").isLessThan(1_000);
            }
            assertThat(runState(index)).satisfies(state -> {
                assertThat(state[0]).as("entries indexed").isEqualTo(written.size());
                assertThat(state[1]).as("level 0 runs").isLessThan(3);
                assertThat(state[2]).as("blocks of runs merged away").isZero();
            });
            for (Ask ask : asks) {
                assertThat(seqs(audit, ask)).as("%s caught up", ask).isEqualTo(expected(written, ask));
            }
            assertThat(audit.verify()).isInstanceOf(Intact.class);
        } finally {
            audit.close();
            index.close();
            db.close();
            Fixtures.deleteTree(dataDir);
        }
    }

    /** A question of the runs alone: the hot subject's {@code want} entries nearest one end of a time range. */
    record Nearest(int from, int span, int want, boolean newest) {
    }

    @Provide
    Arbitrary<List<AuditEvent>> hotTrail() {
        // Most entries about one subject, at times in any order, so that its rows fill many blocks of
        // runs of every level, and a run read first may hold rows farther from the kept end than one read later.
        Arbitrary<Integer> subject = Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.just(0)),
                Tuple.of(1, Arbitraries.integers().between(1, NAMED)));
        return Combinators.combine(subject, Arbitraries.integers().between(0, 40))
                .as((s, second) -> new AuditEvent(Fixtures.T0.plusSeconds(second), "partner-1", "partner", "decision",
                        SUBJECTS.get(s), "ticket sale", "allow"))
                .list().ofMinSize(20).ofMaxSize(240);
    }

    @Provide
    Arbitrary<List<Nearest>> nearest() {
        return Combinators.combine(Arbitraries.integers().between(-1, 41), Arbitraries.integers().between(0, 45),
                Arbitraries.integers().between(1, 40), Arbitraries.of(false, true))
                .as(Nearest::new)
                .list().ofMinSize(1).ofMaxSize(6);
    }

    @Property(tries = 30)
    void aSubjectsNearestEntriesAreTheEndOfAllOfThem(@ForAll("hotTrail") List<AuditEvent> events,
                                                     @ForAll("nearest") List<Nearest> asks,
                                                     @ForAll("pauses") List<Integer> pauses) throws Exception {
        Path dataDir = Fixtures.temporaryDirectory("credence-audit-nearest");
        String hot = SUBJECTS.getFirst().orElseThrow();
        List<AuditEntry> written = new ArrayList<>();
        Database db = Database.open(dataDir);
        AuditSubjectIndex index = AuditSubjectIndex.open(dataDir, new AuditSubjectRuns(6, 3, 3));
        SqliteAuditLog audit = new SqliteAuditLog(db, index, PAGE);
        try {
            for (int chunk = 0; chunk * 7 < events.size(); chunk++) {
                written.addAll(Fixtures.appendEach(audit, events.subList(chunk * 7, Math.min(events.size(), chunk * 7 + 7))));
                for (int i = 0; i < pauses.get(chunk % pauses.size()); i++) {
                    index.maintain(i % 2 == 0);
                }
                for (Nearest ask : asks) {
                    Optional<Instant> from = ask.from() < 0 ? Optional.empty() : Optional.of(Fixtures.T0.plusSeconds(ask.from()));
                    Optional<Instant> to = ask.span() == 0 ? Optional.empty()
                            : Optional.of(Fixtures.T0.plusSeconds(Math.max(ask.from(), 0) + ask.span()));
                    Keep keep = ask.newest() ? Keep.NEWEST : Keep.OLDEST;
                    List<Long> found = index.snapshot(d -> AuditSubjectRuns.entriesOf(d, hot,
                            from.map(Timestamps::format).orElse(""), to.map(Timestamps::format).orElse("~"), keep, ask.want()));
                    List<Long> all = written.stream()
                            .filter(e -> e.event().subjectHash().equals(Optional.of(hot)))
                            .filter(e -> from.map(f -> !e.event().at().isBefore(f)).orElse(true))
                            .filter(e -> to.map(t -> e.event().at().isBefore(t)).orElse(true))
                            .sorted(Comparator.comparing((AuditEntry e) -> e.event().at()).thenComparingLong(AuditEntry::seq))
                            .map(AuditEntry::seq)
                            .toList();
                    int kept = Math.min(ask.want(), all.size());
                    assertThat(found).as("%s after %d entries", ask, written.size())
                            .isEqualTo(ask.newest() ? all.subList(all.size() - kept, all.size()) : all.subList(0, kept));
                }
            }
        } finally {
            audit.close();
            index.close();
            db.close();
            Fixtures.deleteTree(dataDir);
        }
    }

    @Provide
    Arbitrary<List<Integer>> pauses() {
        // Steps of the keeper after each few entries: none (a tail builds up) to enough for merges.
        return Arbitraries.integers().between(0, 6).list().ofMinSize(1).ofMaxSize(5);
    }

    private static List<Long> seqs(SqliteAuditLog audit, Ask ask) {
        List<AuditEntry> found = audit.entries(query(ask));
        SUBJECTS.get(ask.subject()).ifPresent(subject -> assertThat(found)
                .allSatisfy(e -> assertThat(e.event().items()).allMatch(item -> item.subjectHash().equals(subject))));
        return found.stream().map(AuditEntry::seq).toList();
    }

    private static Query query(Ask ask) {
        Optional<Instant> from = ask.from() < 0 ? Optional.empty() : Optional.of(Fixtures.T0.plusSeconds(ask.from()));
        Optional<Instant> to = ask.span() == 0 ? Optional.empty()
                : Optional.of(Fixtures.T0.plusSeconds(Math.max(ask.from(), 0) + ask.span()));
        Query query = new Query(SUBJECTS.get(ask.subject()), from, to, ask.limit());
        query = ask.decisionsOnly() ? query.only(Set.of("decision")) : query;
        return ask.newest() ? query.newest() : query;
    }

    /** The model: every entry written, filtered and ordered as the query promises, cut at the end it keeps. */
    private static List<Long> expected(List<AuditEntry> written, Ask ask) {
        Query query = query(ask);
        List<Long> matching = written.stream()
                .filter(e -> query.subjectHash().isEmpty() || e.event().subjectHash().equals(query.subjectHash())
                        || e.event().items().stream().anyMatch(item -> Optional.of(item.subjectHash()).equals(query.subjectHash())))
                .filter(e -> !ask.decisionsOnly() || e.event().action().equals("decision"))
                .filter(e -> query.from().map(from -> !e.event().at().isBefore(from)).orElse(true))
                .filter(e -> query.to().map(to -> e.event().at().isBefore(to)).orElse(true))
                .sorted(Comparator.comparing((AuditEntry e) -> e.event().at()).thenComparingLong(AuditEntry::seq))
                .map(AuditEntry::seq)
                .toList();
        int kept = Math.min(ask.limit(), matching.size());
        return ask.newest() ? matching.subList(matching.size() - kept, matching.size()) : matching.subList(0, kept);
    }

    /** Entries covered by runs, how many runs are at level 0, and blocks left behind by merged runs. */
    private static long[] runState(AuditSubjectIndex index) {
        return index.read(d -> {
            try (ResultSet row = d.prepare("SELECT coalesce(max(last_seq), 0), "
                    + "(SELECT count(*) FROM audit_runs WHERE level = 0), "
                    + "(SELECT count(*) FROM audit_run_blocks WHERE run NOT IN (SELECT run FROM audit_runs)) "
                    + "FROM audit_runs").executeQuery()) {
                row.next();
                return new long[] {row.getLong(1), row.getLong(2), row.getLong(3)};
            }
        });
    }
}
