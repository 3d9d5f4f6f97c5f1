package org.credence.scoring;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.credence.catalog.CreditList;
import org.credence.catalog.Grade;
import org.credence.record.RecordStatus;

/**
 * A subject's whole standing at one date, with everything that explains it: each record and whether
 * it counts, the points and grade they make, the lists the subject is on and every measure that
 * applies. This is the file a subject (and an operator or auditor) reads.
 */
public record Standing(
        LocalDate asOf,
        int points,
        Grade grade,
        List<RecordLine> records,
        List<Membership> lists,
        List<AppliedMeasure> measures) {

    public Standing {
        records = List.copyOf(records);
        lists = List.copyOf(lists);
        measures = List.copyOf(measures);
    }

    /**
     * One record as it stands at the date: {@code expiresOn} is the first day it no longer counts
     * (empty: it never expires).
     */
    public record RecordLine(long recordId, String type, LocalDate occurredAt, int points, RecordStatus status,
                             Optional<LocalDate> expiresOn) {
    }

    /**
     * Membership of a list: {@code since} is when the current stay began (empty when it cannot be
     * told, such as a grade condition that has always held) and {@code until} the first day off the
     * list if nothing new were recorded (empty: it does not lapse by itself).
     */
    public record Membership(CreditList list, Optional<LocalDate> since, Optional<LocalDate> until) {
    }
}
