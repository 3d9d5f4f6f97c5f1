package org.credence.scoring;

/**
 * Calendar arithmetic on epoch days in plain ints, with the results of {@link java.time.LocalDate}
 * (proleptic ISO calendar). The decision path adds list durations to record dates on every call;
 * doing it here instead of through {@code LocalDate.plus(Period)} keeps that path free of
 * allocation. Months are added the way {@code LocalDate.plusMonths} adds them (the day clamped to
 * the new month's length, so 29 February plus a year is 28 February), then days.
 */
final class EpochDays {

    /** Days from 0000-03-01 to 1970-01-01 in the proleptic calendar. */
    private static final long SHIFT = 719_468;

    private EpochDays() {
    }

    /** {@code LocalDate.ofEpochDay(day).plusMonths(months).plusDays(days).toEpochDay()}. */
    static long plus(long day, long months, long days) {
        if (months == 0) {
            return day + days;
        }
        // Civil date from days (H. Hinnant's algorithm, years counted from March).
        long z = day + SHIFT;
        long era = Math.floorDiv(z, 146_097);
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        long d = doy - (153 * mp + 2) / 5 + 1;
        long m = mp < 10 ? mp + 3 : mp - 9;
        long y = yoe + era * 400 + (m <= 2 ? 1 : 0);

        long total = y * 12 + (m - 1) + months;
        long ny = Math.floorDiv(total, 12);
        long nm = Math.floorMod(total, 12) + 1;
        long nd = Math.min(d, lengthOfMonth(ny, nm));
        return fromCivil(ny, nm, nd) + days;
    }

    private static long lengthOfMonth(long year, long month) {
        return switch ((int) month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    private static long fromCivil(long year, long month, long day) {
        long y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yoe = y - era * 400;
        long doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146_097 + doe - SHIFT;
    }
}
