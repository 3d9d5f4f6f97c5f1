package org.credence.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.credence.scoring.Decision;
import org.credence.store.AuditLog;
import org.credence.store.RecordStore;
import org.credence.store.RightsStore;
import org.credence.testing.Catalogs;
import org.junit.jupiter.api.Test;

/**
 * When reading what other processes stored fails, a write of this process that has committed still
 * stands, is applied and tells its debtors; and the next look goes on from where the failed one
 * stopped, applying nothing twice.
 */
class CreditStateFollowFailureTest extends TwoProcessesTest {

    @Test
    void aWriteStandsAndTellsItsDebtorOnceReadingWhatOthersStoredMeanwhileHasFailedAndSucceeded() {
        interposed.beforeWrite = () -> other.submit(List.of(record("court", "a", 1, Catalogs.JUDGMENT_DEFAULT)), NOW, WRITER);
        interposed.failures = 1;

        RecordStore.AppendResult result = server.submit(List.of(record("court", "b", 2, Catalogs.JUDGMENT_DEFAULT)), NOW, WRITER);

        assertThat(((RecordStore.Appended) result).outcomes()).singleElement().isInstanceOf(RecordStore.Stored.class);
        assertThat(airTicket(server, person(2))).isEqualTo(Decision.Outcome.DENY);
        // Whom to tell waits for what was stored before the write.
        assertThat(listed(person(2))).isZero();
        // The other process's record comes with the next look; the server's own is not applied again.
        assertThat(airTicket(server, person(1))).isEqualTo(Decision.Outcome.ALLOW);
        assertThat(server.follow()).isEqualTo(1);
        assertThat(listed(person(2))).isEqualTo(1);
        assertThat(airTicket(server, person(1))).isEqualTo(Decision.Outcome.DENY);
        assertThat(server.snapshot().index().records()).isEqualTo(2);
        assertThat(server.follow()).isZero();
        server.submit(List.of(record("court", "c", 3, Catalogs.TRAFFIC_TICKET)), NOW, WRITER);
        assertThat(server.snapshot().index().records()).isEqualTo(3);
        assertThat(server.follow()).isZero();
    }

    @Test
    void aLookThatFailsMidwayIsTakenUpWhereItStopped() {
        other.submit(List.of(record("court", "x", 1, "no.such_type"), record("court", "y", 2, "no.such_type"),
                record("court", "z", 3, Catalogs.JUDGMENT_DEFAULT)), NOW, WRITER);
        interposed.failures = 1;
        interposed.deliverFirst = 1;

        assertThatThrownBy(server::follow).hasMessageContaining("the disk went away");

        assertThat(server.snapshot().index().uncatalogued()).isEqualTo(1);
        assertThat(server.follow()).isEqualTo(2);
        assertThat(server.snapshot().index().uncatalogued()).isEqualTo(2);
        assertThat(server.snapshot().index().records()).isEqualTo(1);
        assertThat(airTicket(server, person(3))).isEqualTo(Decision.Outcome.DENY);
    }

    @Test
    void aWriteThatFindsOnlyDuplicatesOfRecordsOthersStoredHasThemInTheIndex() {
        interposed.beforeWrite = () -> other.submit(List.of(record("court", "a", 4, Catalogs.JUDGMENT_DEFAULT)), NOW, WRITER);

        RecordStore.AppendResult result = server.submit(List.of(record("court", "a", 4, Catalogs.JUDGMENT_DEFAULT)), NOW, WRITER);

        assertThat(((RecordStore.Appended) result).outcomes()).singleElement().isInstanceOf(RecordStore.Duplicate.class);
        assertThat(server.snapshot().index().history(person(4)).recordIds()).containsExactly(1L);
    }

    @Test
    void aWriteWhoseReadAfterTheCommitFailsTellsWhatItAddedOnceTheGapIsFilled() {
        interposed.beforeWrite = () -> other.submit(List.of(record("court", "a", 1, Catalogs.JUDGMENT_DEFAULT)), NOW, WRITER);
        interposed.failures = 1;

        server.submit(List.of(record("court", "b", 1, Catalogs.JUDGMENT_DEFAULT)), NOW, WRITER);

        // The other process told of the first list. The second judgment adds the credit watch (grade C),
        // which only a view holding both can see: it is told once the gap is filled, not before.
        assertThat(listsEntered(serverStore, person(1))).containsExactly(Catalogs.DISHONEST_DEBTORS);
        assertThat(server.follow()).isEqualTo(1);
        assertThat(server.snapshot().index().history(person(1)).recordIds()).containsExactlyInAnyOrder(1L, 2L);
        assertThat(listsEntered(serverStore, person(1))).containsExactly(Catalogs.DISHONEST_DEBTORS, Catalogs.CREDIT_WATCH);
    }

    @Test
    void aDisputeComesWithItsRecordWhenALookFailsRightAfterIt() {
        other.submit(List.of(record("traffic", "a", 1, Catalogs.TRAFFIC_TICKET), record("court", "b", 2, Catalogs.JUDGMENT_DEFAULT)),
                NOW, WRITER);
        // Opening the dispute catches up first; that read fails, and so does the next, after record 2.
        interposed.failures = 2;
        interposed.deliverFirst = 1;
        new Rights(server).openDispute(person(2), 2, "not mine", new RightsStore.Actor("subject", "subject"),
                dispute -> new AuditLog.AuditEvent(NOW, "subject", "subject", "dispute.open", Optional.of(person(2)),
                        "dispute of record 2", "open"));

        assertThatThrownBy(server::follow).hasMessageContaining("the disk went away");
        assertThat(server.follow()).isZero();

        assertThat(server.snapshot().index().history(person(2)).disputedDay(0)).isEqualTo(TODAY);
    }

    @Test
    void writesGoOnDuringACatalogSwitchAndWhatTheyChangeIsInTheNewIndex() throws Exception {
        server.submit(List.of(record("court", "a", 1, Catalogs.JUDGMENT_DEFAULT), record("court", "d", 4, Catalogs.JUDGMENT_DEFAULT)),
                NOW, WRITER);
        Rights rights = new Rights(server);
        RightsStore.Actor subject = new RightsStore.Actor("subject", "subject");
        RightsStore.Dispute disputed = rights.openDispute(person(1), 1, "not mine", subject, opened("dispute.open"));
        CountDownLatch built = new CountDownLatch(1);
        CountDownLatch written = new CountDownLatch(1);
        interposed.afterWholeRead = () -> {
            built.countDown();
            await(written);
        };
        Thread switching = Thread.ofPlatform().start(() -> server.switchTo(milderCity()));
        await(built);

        // Once the new index has read every record: one more of this process, one of another disputed
        // there at once, a dispute upheld (its record annulled) and another opened. Each returns at once:
        // the build holds no lock.
        server.submit(List.of(record("court", "b", 2, Catalogs.JUDGMENT_DEFAULT)), NOW, WRITER);
        other.submit(List.of(record("court", "c", 3, Catalogs.JUDGMENT_DEFAULT)), NOW, WRITER);
        new Rights(other).openDispute(person(3), 4, "never sued", subject, opened("dispute.open"));
        rights.resolveDispute(disputed.id(), RightsStore.Dispute.Status.UPHELD, "not the debtor", new RightsStore.Actor("ops", "operator"),
                opened("dispute.resolve"));
        rights.openDispute(person(4), 2, "paid", subject, opened("dispute.open"));
        assertThat(server.snapshot().rulebook().catalog().version()).isEqualTo(1);
        written.countDown();
        switching.join();

        CreditState.Snapshot now = server.snapshot();
        assertThat(now.rulebook().catalog().version()).isEqualTo(2);
        assertThat(now.index().records()).isEqualTo(4);
        assertThat(airTicket(server, person(1))).isEqualTo(Decision.Outcome.ALLOW);
        for (int n = 2; n <= 4; n++) {
            assertThat(airTicket(server, person(n))).isEqualTo(Decision.Outcome.REVIEW);
        }
        assertThat(now.index().history(person(4)).disputedDay(0)).isEqualTo(TODAY);
        assertThat(now.index().history(person(3)).disputedDay(0)).isEqualTo(TODAY);
        assertThat(server.follow()).isZero();
    }

    private Function<RightsStore.Dispute, AuditLog.AuditEvent> opened(String action) {
        return dispute -> new AuditLog.AuditEvent(NOW, "subject", "subject", action, Optional.of(dispute.subjectId()),
                "dispute of record " + dispute.recordId(), "done");
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }



    /** How many times the subject was told it was listed. */
    private long listed(String subjectId) {
        return serverStore.notices(subjectId).stream().filter(n -> n.kind() == RightsStore.Notice.Kind.LISTED).count();
    }


}
