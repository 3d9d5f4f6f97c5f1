package org.credence.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.credence.record.RecordState;
import org.credence.record.StoredRecord;
import org.credence.store.ApiKey;
import org.credence.store.AuditLog;
import org.credence.store.AuditLog.AuditEntry;
import org.credence.store.AuditLog.AuditEvent;
import org.credence.store.RecordStore;
import org.credence.store.RightsStore.Actor;
import org.credence.store.RightsStore.Dispute;
import org.credence.store.RightsStore.Notice;
import org.credence.store.RightsStore.Repair;
import org.credence.store.Role;
import org.credence.store.StoreException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every write keeps its audit entry (and a settled dispute or repair its notice) in its own
 * transaction: all are kept, or, when the entry cannot be, none. The trail is made to refuse entries by a trigger on its table, as a full disk or a
 * failing sync would refuse the commit.
 */
class AuditedWritesTest {

    private static final Instant AT = Fixtures.T1;
    private static final Actor SUBJECT = new Actor("subject-portal", "subject");
    private static final Actor OPERATOR = new Actor("duty-operator", "operator");

    @TempDir
    Path dataDir;

    private SqliteStore store;
    private StoredRecord record;

    @BeforeEach
    void open() {
        store = SqliteStore.open(dataDir);
        RecordStore.Appended appended = (RecordStore.Appended) store.append(
                List.of(Fixtures.record("J-1", Fixtures.person(1)), Fixtures.record("J-2", Fixtures.person(1))),
                Fixtures.T0, Fixtures.WRITER);
        record = appended.outcomes().getFirst().record();
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void recordsAreStoredWithAnEntryForTheirBlock() {
        List<AuditEntry> trail = trail();

        // Both records concern one subject, so their entry names it.
        assertThat(trail).singleElement().satisfies(e -> {
            assertThat(e.event().outcome()).matches("stored 1 to 2; block sha-256 [0-9a-f]{64}");
            assertThat(e.event().actor()).isEqualTo(Fixtures.WRITER.actor());
            assertThat(e.event().subjectHash()).contains(store.vault().subjectHash(Fixtures.personId(1)));
        });
        store.append(List.of(Fixtures.record("J-1", Fixtures.person(1))), AT, Fixtures.WRITER);
        assertThat(trail().getLast().event().outcome()).isEqualTo("duplicate of 1");
    }

    @Test
    void aWriteOfManySubjectsIsASubjectsEntryThroughItsRecords() {
        store.append(List.of(Fixtures.record("J-3", Fixtures.person(2)), Fixtures.record("J-4", Fixtures.person(3))),
                AT, Fixtures.WRITER);
        String second = store.vault().subjectHash(Fixtures.personId(2));
        AuditLog.Query bySubject = new AuditLog.Query(Optional.of(second), Optional.empty(), Optional.empty(), 10);

        // The entry names no subject: it stored records of two.
        assertThat(store.audit().entries(bySubject)).isEmpty();
        List<AuditEntry> found = store.audit().entries(new AuditLog.Query(Optional.of(second), Optional.empty(),
                Optional.empty(), 10, List.of(3L)));
        assertThat(found).singleElement().satisfies(e -> {
            assertThat(e.event().outcome()).startsWith("stored 3 to 4; block sha-256 ");
            assertThat(e.event().subjectHash()).isEmpty();
        });
        // Its own entries come first in the trail's order, then the write; the time filter holds for both.
        store.openDispute(3, Fixtures.personId(2), "not mine", SUBJECT, AT.plusSeconds(1), LocalDate.of(2026, 4, 1),
                d -> new AuditEvent(AT.plusSeconds(1), "portal", "subject", "dispute.open", Optional.of(second), "test", "open"));
        assertThat(store.audit().entries(new AuditLog.Query(Optional.of(second), Optional.empty(), Optional.empty(), 10,
                List.of(3L)))).extracting(e -> e.event().action()).containsExactly("record.submit", "dispute.open");
        assertThat(store.audit().entries(new AuditLog.Query(Optional.of(second), Optional.of(AT.plusSeconds(1)),
                Optional.empty(), 10, List.of(3L)))).extracting(e -> e.event().action()).containsExactly("dispute.open");
        assertThat(store.audit().entries(new AuditLog.Query(Optional.of(second), Optional.empty(), Optional.empty(), 1,
                List.of(3L)))).extracting(e -> e.event().action()).containsExactly("record.submit");
        // Keeping the newest, or some actions only, the write is weighed as the subject's own entries are.
        assertThat(store.audit().entries(new AuditLog.Query(Optional.of(second), Optional.empty(), Optional.empty(), 1,
                List.of(3L), AuditLog.Keep.NEWEST))).extracting(e -> e.event().action()).containsExactly("dispute.open");
        assertThat(store.audit().entries(new AuditLog.Query(Optional.of(second), Optional.empty(), Optional.empty(), 1,
                List.of(3L), AuditLog.Keep.NEWEST).only(Set.of("record.submit"))))
                .extracting(e -> e.event().action()).containsExactly("record.submit");
        assertThat(store.audit().entries(new AuditLog.Query(Optional.of(second), Optional.empty(), Optional.empty(), 10,
                List.of(3L)).only(Set.of("dispute.open")))).extracting(e -> e.event().action()).containsExactly("dispute.open");
    }

    @Test
    void aStepOnARecordThatDoesNotExistIsRefused() {
        assertThatThrownBy(() -> store.openDispute(99, Fixtures.personId(1), "not mine", SUBJECT, AT, LocalDate.of(2026, 3, 17),
                d -> event("dispute.open", "open"))).isInstanceOf(IllegalStateException.class).hasMessage("record 99 does not exist");
        assertThatThrownBy(() -> store.requestRepair(0, Fixtures.personId(1), "paid", SUBJECT, AT,
                r -> event("repair.request", "requested"))).hasMessage("record 0 does not exist");
        assertThat(store.setState(3, RecordState.ANNULLED)).isFalse();
        assertThat(trail()).hasSize(1);
    }

    @Test
    void eachRightsStepKeepsTheEntryMadeOfWhatItStored() {
        Dispute opened = store.openDispute(record.id(), Fixtures.personId(1), "not mine", SUBJECT, AT, LocalDate.of(2026, 3, 17),
                d -> event("dispute.open", "dispute " + d.id() + " open until " + d.deadline()));
        assertThat(trail().getLast().event().outcome()).isEqualTo("dispute " + opened.id() + " open until 2026-03-17");

        Dispute resolved = store.resolveDispute(opened.id(), Dispute.Status.UPHELD, "wrong person", OPERATOR, AT,
                d -> event("dispute.resolve", "dispute " + d.id() + " " + d.status()), d -> notice("dispute " + d.id() + " upheld"));
        assertThat(resolved.status()).isEqualTo(Dispute.Status.UPHELD);
        assertThat(trail().getLast().event().outcome()).isEqualTo("dispute " + opened.id() + " UPHELD");

        long other = record.id() + 1;
        Repair requested = store.requestRepair(other, Fixtures.personId(1), "paid in full", SUBJECT, AT,
                r -> event("repair.request", "repair " + r.id() + " " + r.status()));
        assertThat(trail().getLast().event().outcome()).isEqualTo("repair " + requested.id() + " REQUESTED");

        store.decideRepair(requested.id(), Repair.Status.APPROVED, "receipt checked", OPERATOR, AT,
                r -> event("repair.decide", "repair " + r.id() + " " + r.status()), r -> notice("repair " + r.id() + " approved"));
        assertThat(trail().getLast().event().outcome()).isEqualTo("repair " + requested.id() + " APPROVED");

        assertThat(trail()).hasSize(5);
        assertThat(store.audit().verify()).isInstanceOf(AuditLog.Intact.class);
        assertThat(store.notices(Fixtures.personId(1))).extracting(Notice::what)
                .containsExactly("dispute " + opened.id() + " upheld", "repair " + requested.id() + " approved");
    }

    @Test
    void aKeyAndACatalogKeepTheirEntries() {
        store.create(new ApiKey("a".repeat(64), "court", Role.AGENCY, Set.of(), Optional.empty(), AT), event("key.create", "court"));
        store.activate("city", 1, "id: city\n", AT, event("catalog.load", "city v1 active"));

        assertThat(trail()).extracting(e -> e.event().outcome()).endsWith("court", "city v1 active");
    }

    @Test
    void aWriteWhoseEntryCannotBeKeptIsNotKept() throws SQLException {
        refuseEntries();

        assertThatThrownBy(() -> store.append(List.of(Fixtures.record("J-3", Fixtures.person(2))), AT, Fixtures.WRITER))
                .isInstanceOf(StoreException.class);
        assertThat(store.count()).isEqualTo(2);

        assertThatThrownBy(() -> store.openDispute(record.id(), Fixtures.personId(1), "not mine", SUBJECT, AT,
                LocalDate.of(2026, 3, 17), d -> event("dispute.open", "open")))
                .isInstanceOf(StoreException.class);
        assertThat(store.disputes(Optional.empty())).isEmpty();

        assertThatThrownBy(() -> store.requestRepair(record.id(), Fixtures.personId(1), "paid", SUBJECT, AT,
                r -> event("repair.request", "requested")))
                .isInstanceOf(StoreException.class);
        assertThat(store.repairs(Optional.empty())).isEmpty();

        assertThatThrownBy(() -> store.create(new ApiKey("a".repeat(64), "court", Role.AGENCY, Set.of(), Optional.empty(), AT),
                event("key.create", "court")))
                .isInstanceOf(StoreException.class);
        assertThat(store.all()).isEmpty();

        assertThatThrownBy(() -> store.activate("city", 1, "id: city\n", AT, event("catalog.load", "city v1 active")))
                .isInstanceOf(StoreException.class);
        assertThat(store.active()).isEmpty();

        assertThat(trail()).hasSize(1);
    }

    @Test
    void aSettledStepWhoseEntryCannotBeKeptLeavesTheRecordAsItWasAndTellsNobody() throws SQLException {
        Dispute opened = store.openDispute(record.id(), Fixtures.personId(1), "not mine", SUBJECT, AT, LocalDate.of(2026, 3, 17),
                d -> event("dispute.open", "open"));
        Repair requested = store.requestRepair(record.id() + 1, Fixtures.personId(1), "paid", SUBJECT, AT,
                r -> event("repair.request", "requested"));
        refuseEntries();

        assertThatThrownBy(() -> store.resolveDispute(opened.id(), Dispute.Status.UPHELD, "wrong person", OPERATOR, AT,
                d -> event("dispute.resolve", "upheld"), d -> notice("upheld")))
                .isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> store.decideRepair(requested.id(), Repair.Status.APPROVED, "checked", OPERATOR, AT,
                r -> event("repair.decide", "approved"), r -> notice("approved")))
                .isInstanceOf(StoreException.class);

        assertThat(store.dispute(opened.id()).orElseThrow().status()).isEqualTo(Dispute.Status.OPEN);
        assertThat(store.repair(requested.id()).orElseThrow().status()).isEqualTo(Repair.Status.REQUESTED);
        assertThat(List.of(store.record(record.id()).orElseThrow(), store.record(record.id() + 1).orElseThrow()))
                .extracting(StoredRecord::state).containsOnly(RecordState.RECORDED);
        assertThat(store.notices(Fixtures.personId(1))).isEmpty();
    }

    /** From now on every insert into the trail fails, from whichever connection. */
    private void refuseEntries() throws SQLException {
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve(Database.FILE_NAME));
             Statement sql = other.createStatement()) {
            sql.execute("CREATE TRIGGER refuse_entries BEFORE INSERT ON audit BEGIN SELECT RAISE(ABORT, 'the trail refuses'); END");
        }
    }

    private List<AuditEntry> trail() {
        return store.audit().entries(new AuditLog.Query(Optional.empty(), Optional.empty(), Optional.empty(), 1_000));
    }

    private static Notice notice(String what) {
        return new Notice(0, AT, Notice.Kind.DISPUTE_RESOLVED, what, "test", "test basis", Optional.empty(), "ask");
    }

    private AuditEvent event(String action, String outcome) {
        return new AuditEvent(AT, OPERATOR.name(), OPERATOR.role(), action,
                Optional.of(store.vault().subjectHash(Fixtures.personId(1))), "test", outcome);
    }
}
