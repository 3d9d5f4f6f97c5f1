package org.credence.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.credence.state.StateFixtures.NOW;
import static org.credence.state.StateFixtures.TODAY;
import static org.credence.state.StateFixtures.WRITER;
import static org.credence.state.StateFixtures.airTicket;
import static org.credence.state.StateFixtures.listsEntered;
import static org.credence.state.StateFixtures.milderCity;
import static org.credence.state.StateFixtures.person;
import static org.credence.state.StateFixtures.record;

import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.credence.record.RecordStream;
import org.credence.record.RecordSubmission;
import org.credence.scoring.Decision;
import org.credence.store.AuditLog;
import org.credence.store.RecordStore;
import org.credence.store.RightsStore;
import org.credence.testing.Catalogs;
import org.junit.jupiter.api.Test;

/**
 * Records that another process stores in the same data directory (a command-line import beside the
 * server) reach the server's index: when it follows the store, and before any write of its own is
 * looked at; and a write of its own tells only the subjects its own records listed.
 */
class CreditStateFollowTest extends TwoProcessesTest {

    @Test
    void anImportByAnotherProcessIsDecidedOnOnceFollowed() {
        List<List<RecordSubmission>> chunks = IntStream.range(0, 3).mapToObj(c -> IntStream.range(0, 100)
                .mapToObj(n -> record("court", c + "-" + n, 100 * c + n,
                        n == 7 ? Catalogs.JUDGMENT_DEFAULT : Catalogs.TRAFFIC_TICKET)).toList()).toList();
        other.importRecords(RecordStream.ofChunks(chunks), NOW, WRITER);
        assertThat(airTicket(server, person(7))).isEqualTo(Decision.Outcome.ALLOW);

        assertThat(server.follow()).isEqualTo(300);

        assertThat(airTicket(server, person(7))).isEqualTo(Decision.Outcome.DENY);
        assertThat(server.snapshot().index().records()).isEqualTo(300);
        assertThat(server.follow()).isZero();
        // The importer told its debtor; following tells nobody again.
        assertThat(listsEntered(serverStore, person(7))).containsOnlyOnce(Catalogs.DISHONEST_DEBTORS).doesNotHaveDuplicates();
    }

    @Test
    void aWriteFirstAppliesWhatOthersStoredBeforeItAndTellsOnlyWhomItListed() {
        other.submit(List.of(record("court", "a", 1, Catalogs.JUDGMENT_DEFAULT)), NOW, WRITER);

        server.submit(List.of(record("court", "b", 1, Catalogs.TRAFFIC_TICKET), record("court", "c", 2, Catalogs.JUDGMENT_DEFAULT)),
                NOW, WRITER);

        SubjectIndex index = server.snapshot().index();
        assertThat(index.history(person(1)).recordIds()).containsExactlyInAnyOrder(1L, 2L);
        assertThat(index.history(person(2)).recordIds()).containsExactly(3L);
        assertThat(airTicket(server, person(1))).isEqualTo(Decision.Outcome.DENY);
        assertThat(server.follow()).isZero();
        // Person 1 was listed by the other process's record, and told by it, not by this write.
        assertThat(listsEntered(serverStore, person(1))).containsOnlyOnce(Catalogs.DISHONEST_DEBTORS).doesNotHaveDuplicates();
        assertThat(listsEntered(serverStore, person(2))).containsOnlyOnce(Catalogs.DISHONEST_DEBTORS).doesNotHaveDuplicates();
    }

    @Test
    void anImportOfManyChunksAppliesWhatOthersStoredBeforeIt() {
        other.submit(List.of(record("court", "a", 5, Catalogs.JUDGMENT_DEFAULT)), NOW, WRITER);
        // Enough chunks, and records, for the import to go to a draft of the index.
        List<List<RecordSubmission>> chunks = IntStream.range(0, 4).mapToObj(c -> IntStream.range(0, 100)
                .mapToObj(n -> record("traffic", c + "-" + n, 100 * c + n, Catalogs.TRAFFIC_TICKET)).toList()).toList();

        RecordStore.ImportResult result = server.importRecords(RecordStream.ofChunks(chunks), NOW, WRITER);

        assertThat(result).isEqualTo(new RecordStore.Imported(400, 400, 2, 401));
        SubjectIndex index = server.snapshot().index();
        assertThat(index.records()).isEqualTo(401);
        assertThat(index.history(person(5)).recordIds()).containsExactlyInAnyOrder(1L, 7L);
        assertThat(airTicket(server, person(5))).isEqualTo(Decision.Outcome.DENY);
        assertThat(server.follow()).isZero();
        assertThat(listsEntered(serverStore, person(5))).containsOnlyOnce(Catalogs.DISHONEST_DEBTORS).doesNotHaveDuplicates();
    }

    @Test
    void aRecordAnotherProcessStoredMayBeDisputedBeforeItIsFollowed() {
        other.submit(List.of(record("court", "a", 3, Catalogs.JUDGMENT_DEFAULT)), NOW, WRITER);

        new Rights(server).openDispute(person(3), 1, "not mine", new RightsStore.Actor("subject", "subject"),
                dispute -> new AuditLog.AuditEvent(NOW, "subject", "subject", "dispute.open", Optional.of(person(3)),
                        "dispute of record 1", "open"));

        var history = server.snapshot().index().history(person(3));
        assertThat(history.recordIds()).containsExactly(1L);
        assertThat(history.disputedDay(0)).isEqualTo(TODAY);
        assertThat(server.follow()).isZero();
    }

    @Test
    void aCatalogSwitchRebuildsTheIndexUnderItFromEveryRecordAndFollowingGoesOn() {
        other.submit(List.of(record("court", "a", 1, Catalogs.JUDGMENT_DEFAULT)), NOW, WRITER);
        server.submit(List.of(record("court", "b", 2, Catalogs.JUDGMENT_DEFAULT)), NOW, WRITER);
        other.submit(List.of(record("court", "c", 3, Catalogs.JUDGMENT_DEFAULT)), NOW, WRITER);

        server.switchTo(milderCity());

        assertThat(server.snapshot().rulebook().catalog().version()).isEqualTo(2);
        assertThat(server.snapshot().index().records()).isEqualTo(3);
        for (int n = 1; n <= 3; n++) {
            assertThat(airTicket(server, person(n))).isEqualTo(Decision.Outcome.REVIEW);
        }
        assertThat(server.follow()).isZero();
        other.submit(List.of(record("court", "d", 4, Catalogs.JUDGMENT_DEFAULT)), NOW, WRITER);
        server.submit(List.of(record("court", "e", 5, Catalogs.JUDGMENT_DEFAULT)), NOW, WRITER);
        assertThat(server.snapshot().index().records()).isEqualTo(5);
        assertThat(airTicket(server, person(4))).isEqualTo(Decision.Outcome.REVIEW);
    }




}
