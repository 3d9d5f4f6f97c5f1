package org.credence.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Optional;
import org.credence.record.RecordStatus;
import org.credence.testing.Catalogs;
import org.credence.testing.Histories;
import org.junit.jupiter.api.Test;

/**
 * A disputed record is marked everywhere, keeps counting while the dispute is open for up to 30 days,
 * and is suspended after that until the dispute is resolved.
 */
class DisputesTest {

    private static final Rulebook CITY = Rulebook.compile(Catalogs.cityCatalog());

    private static int day(String date) {
        return (int) LocalDate.parse(date).toEpochDay();
    }

    /** A judgment default (record 1) of 2026-03-01, disputed from 2026-06-01. */
    private static SubjectHistory disputed() {
        return Histories.under(CITY).add(Catalogs.JUDGMENT_DEFAULT, "2026-03-01").build().withDispute(1, day("2026-06-01"));
    }

    private static Decision airTicket(SubjectHistory h, String on) {
        return CITY.decide(h, CITY.policy(Catalogs.AIR_TICKET).orElseThrow(), LocalDate.parse(on));
    }

    @Test
    void anOpenDisputeIsShownAndTheRecordKeepsCountingUntilTheDeadline() {
        SubjectHistory h = disputed();

        Standing before = CITY.standing(h, LocalDate.parse("2026-05-31"));
        Standing during = CITY.standing(h, LocalDate.parse("2026-06-30"));
        Standing after = CITY.standing(h, LocalDate.parse("2026-07-01"));

        assertThat(before.records().getFirst().status()).isEqualTo(RecordStatus.ACTIVE);
        assertThat(during.records().getFirst().status()).isEqualTo(RecordStatus.DISPUTED);
        assertThat(during.records().getFirst().counts()).isTrue();
        assertThat(during.records().getFirst().disputedSince()).hasValue(LocalDate.parse("2026-06-01"));
        assertThat(during.points()).isEqualTo(900);
        assertThat(after.records().getFirst().status()).isEqualTo(RecordStatus.DISPUTED);
        assertThat(after.records().getFirst().counts()).isFalse();
        assertThat(after.points()).isEqualTo(1000);
    }

    @Test
    void measuresAndListsRestingOnADisputedRecordSaySoAndEndAtTheDeadline() {
        Decision decision = airTicket(disputed(), "2026-06-15");

        assertThat(decision.outcome()).isEqualTo(Decision.Outcome.DENY);
        assertThat(decision.measures().getFirst().disputed()).isTrue();
        assertThat(decision.measures().getFirst().until()).hasValue(LocalDate.parse("2026-07-01"));
        Standing.Membership listed = CITY.standing(disputed(), LocalDate.parse("2026-06-15")).lists().getFirst();
        assertThat(listed.disputed()).isTrue();
        assertThat(listed.until()).hasValue(LocalDate.parse("2026-07-01"));
        assertThat(airTicket(disputed(), "2026-07-01").outcome()).isEqualTo(Decision.Outcome.ALLOW);
        assertThat(airTicket(disputed(), "2026-05-31").measures().getFirst().disputed()).isFalse();
    }

    @Test
    void aRejectedDisputeRestoresTheRecordAndAnUpheldOneAnnulsIt() {
        SubjectHistory rejected = disputed().withDispute(1, SubjectHistory.NEVER);
        SubjectHistory upheld = disputed().withDispute(1, SubjectHistory.NEVER).withState(1, org.credence.record.RecordState.ANNULLED);

        assertThat(airTicket(rejected, "2026-08-01").outcome()).isEqualTo(Decision.Outcome.DENY);
        assertThat(airTicket(rejected, "2026-08-01").measures().getFirst().until()).hasValue(LocalDate.parse("2028-03-01"));
        assertThat(CITY.standing(rejected, LocalDate.parse("2026-08-01")).records().getFirst().status())
                .isEqualTo(RecordStatus.ACTIVE);
        assertThat(airTicket(upheld, "2026-06-15").outcome()).isEqualTo(Decision.Outcome.ALLOW);
        assertThat(CITY.standing(upheld, LocalDate.parse("2026-06-15")).records().getFirst().status())
                .isEqualTo(RecordStatus.ANNULLED);
        assertThat(CITY.standing(upheld, LocalDate.parse("2026-06-15")).records().getFirst().disputedSince()).isEqualTo(Optional.empty());
    }
}
