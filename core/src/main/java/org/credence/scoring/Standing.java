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
     * One record as it stands at the date: whether it {@code counts} towards the points (a disputed
     * record counts until its dispute passes the deadline), {@code expiresOn} the first day it no
     * longer counts by expiry (empty: it never expires), and {@code disputedSince} the day an open
     * dispute against it began.
     */
    public record RecordLine(long recordId, String type, LocalDate occurredAt, int points, RecordStatus status,
                             boolean counts, Optional<LocalDate> expiresOn, Optional<LocalDate> disputedSince) {
    }

    /**
     * Membership of a list: {@code since} is when the current stay began (empty when it cannot be
     * told, such as a grade condition that has always held), {@code until} the first day off the
     * list if nothing new were recorded (empty: it does not lapse by itself), and {@code disputed}
     * whether a record holding the subject on it is under dispute.
     */
    public record Membership(CreditList list, Optional<LocalDate> since, Optional<LocalDate> until, boolean disputed) {
    }
}
