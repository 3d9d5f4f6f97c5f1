package org.credence.store;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.credence.store.AuditLog.AuditEvent;

/**
 * What subjects do about their records, and what they are told: disputes, credit repairs and the
 * notice outbox. Resolving a dispute or deciding a repair changes the record's state in the same
 * transaction, together with the notice that tells the subject, so the outcome, its effect and the
 * subject's notice are never seen apart. Each of these writes also chains its
 * audit entry, which {@code audit} makes from what was written, in that transaction: the change and its
 * entry are durable together or not at all.
 */
public interface RightsStore {

    /** Opens a dispute; refused with {@link IllegalStateException} while another one on the record is open. */
    Dispute openDispute(long recordId, String subjectId, String reason, Actor by, Instant at, LocalDate deadline,
                        Function<Dispute, AuditEvent> audit);

    Optional<Dispute> dispute(long id);

    /** Disputes with {@code status} (all when empty), soonest deadline first. */
    List<Dispute> disputes(Optional<Dispute.Status> status);

    /**
     * Resolves an open dispute; upheld annuls the record. Refused with {@link IllegalStateException}
     * when the dispute is not open.
     */
    Dispute resolveDispute(long id, Dispute.Status outcome, String note, Actor by, Instant at,
                           Function<Dispute, AuditEvent> audit, Function<Dispute, Notice> notice);

    /** Asks for repair; refused with {@link IllegalStateException} while another request on the record is pending. */
    Repair requestRepair(long recordId, String subjectId, String evidence, Actor by, Instant at,
                         Function<Repair, AuditEvent> audit);

    Optional<Repair> repair(long id);

    /** Repair requests with {@code status} (all when empty), oldest first. */
    List<Repair> repairs(Optional<Repair.Status> status);

    /** Decides a pending request; approved marks the record repaired. */
    Repair decideRepair(long id, Repair.Status outcome, String note, Actor by, Instant at,
                        Function<Repair, AuditEvent> audit, Function<Repair, Notice> notice);

    /** One notice for a subject, for {@link #notifyAll}. */
    record Addressed(String subjectId, Notice notice) {
    }

    /**
     * Stores every notice, in order, in one transaction: all or none. A bulk import can put thousands of
     * subjects on a list at once, and one durable sync per notice would cost more than the import.
     */
    List<Notice> notifyAll(List<Addressed> notices);

    /** A subject's notices, oldest first. */
    List<Notice> notices(String subjectId);

    /** Who did something: a client's name and role, never its key. */
    record Actor(String name, String role) {
    }

    record Dispute(long id, long recordId, String subjectId, String reason, Actor openedBy, Instant openedAt,
                   LocalDate deadline, Status status, Optional<Resolution> resolution) {

        public enum Status { OPEN, UPHELD, REJECTED }
    }

    record Repair(long id, long recordId, String subjectId, String evidence, Actor requestedBy, Instant requestedAt,
                  Status status, Optional<Resolution> decision) {

        public enum Status { REQUESTED, APPROVED, REFUSED }
    }

    /** How a dispute was resolved or a repair decided, by whom and when. */
    record Resolution(Actor by, Instant at, String note) {
    }

    /**
     * A notice to a subject: what happened, why (records and legal basis), until when, and how to
     * contest it. {@code id} is 0 until stored.
     */
    record Notice(long id, Instant at, Kind kind, String what, String why, String legalBasis,
                  Optional<LocalDate> until, String howToContest) {

        public enum Kind { LISTED, DISPUTE_RESOLVED, REPAIR_DECIDED }
    }
}
