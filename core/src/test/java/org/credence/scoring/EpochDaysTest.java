package org.credence.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.Period;
import org.junit.jupiter.api.Test;

/** Epoch-day arithmetic agrees with {@code LocalDate.plus(Period)} on every day of four centuries. */
class EpochDaysTest {

    @Test
    void addingAPeriodMatchesLocalDateOnEveryDay() {
        Period[] periods = {Period.ofYears(2), Period.ofYears(3), Period.ofMonths(1), Period.ofMonths(18),
                Period.of(1, 1, 3), Period.ofDays(90), Period.of(0, -5, 0), Period.of(10, 0, -1)};
        long from = LocalDate.of(1850, 1, 1).toEpochDay();
        long to = LocalDate.of(2250, 1, 1).toEpochDay();
        for (Period p : periods) {
            long months = p.toTotalMonths();
            for (long day = from; day < to; day++) {
                long expected = LocalDate.ofEpochDay(day).plus(p).toEpochDay();
                if (EpochDays.plus(day, months, p.getDays()) != expected) {
                    assertThat(EpochDays.plus(day, months, p.getDays())).as("%s + %s", LocalDate.ofEpochDay(day), p)
                            .isEqualTo(expected);
                }
            }
        }
        assertThat(EpochDays.plus(LocalDate.of(2024, 2, 29).toEpochDay(), 24, 0))
                .isEqualTo(LocalDate.of(2026, 2, 28).toEpochDay());
    }
}
