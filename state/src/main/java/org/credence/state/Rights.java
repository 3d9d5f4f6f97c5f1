package org.credence.state;

import java.time.LocalDate;
import java.util.Optional;
import java.util.function.Function;
import org.credence.catalog.RecordType;
import org.credence.record.RecordState;
import org.credence.record.StoredRecord;
import org.credence.scoring.SubjectHistory;
import org.credence.store.AuditLog.AuditEvent;
import org.credence.store.RightsStore;
import org.credence.store.RightsStore.Actor;
import org.credence.store.RightsStore.Dispute;
import org.credence.store.RightsStore.Notice;
import org.credence.store.RightsStore.Repair;

/**
 * A subject's rights over its records: to dispute them and to have them repaired. Each step is
 * stored first, then reflected in the index at once (an upheld dispute changes points, grade, lists
 * and decisions everywhere on the next request, with no restart or rebuild), and the subject is told
 * of every decision through the notice outbox. Each step's audit entry, made by {@code audit} from what
 * was stored, is stored with it ({@link RightsStore}).
 */
public final class Rights {

    private final CreditState state;

    public Rights(CreditState state) {
        this.state = state;
    }

    /** Opens a dispute on one of the subject's records; it is answered by {@link Dispute#deadline()}. */
    public Dispute openDispute(String subjectId, long recordId, String reason, Actor by,
                               Function<Dispute, AuditEvent> audit) {
        StoredRecord record = recordOf(subjectId, recordId);
        if (!record.state().counts()) {
            throw new Refusal(Refusal.Reason.CONFLICT, "record " + recordId + " is " + record.state().name().toLowerCase(java.util.Locale.ROOT)
                    + " and no longer counts; there is nothing to dispute");
        }
        LocalDate today = LocalDate.now(state.clock());
        Dispute dispute;
        try {
            dispute = state.rights().openDispute(recordId, subjectId, reason, by, state.clock().instant(),
                    today.plusDays(SubjectHistory.DISPUTE_DEADLINE_DAYS), audit);
        } catch (IllegalStateException e) {
            throw new Refusal(Refusal.Reason.CONFLICT, e.getMessage());
        }
        state.disputed(subjectId, recordId, CreditState.openedDay(dispute));
        return dispute;
    }

    /**
     * Resolves an open dispute: upheld annuls the record everywhere at once; rejected lets it stand. The
     * subject's notice is stored with the resolution.
     */
    public Dispute resolveDispute(long disputeId, Dispute.Status outcome, String note, Actor by,
                                  Function<Dispute, AuditEvent> audit) {
        // Read first: the notice is stored in the resolution's transaction, and names the record.
        Optional<StoredRecord> record = state.rights().dispute(disputeId).flatMap(d -> state.records().record(d.recordId()));
        boolean upheld = outcome == Dispute.Status.UPHELD;
        Dispute dispute;
        try {
            dispute = state.rights().resolveDispute(disputeId, outcome, note, by, state.clock().instant(), audit,
                    resolved -> new Notice(0, state.clock().instant(), Notice.Kind.DISPUTE_RESOLVED,
                            "Your dispute " + disputeId + " of record " + describe(record.orElseThrow()) + " was "
                                    + (upheld ? "upheld: the record is annulled and no longer counts anywhere."
                                    : "rejected: the record stands and counts again."),
                            "The operator's reasons: " + note,
                            basis(record.orElseThrow()),
                            upheld ? Optional.empty() : expiry(record.orElseThrow()),
                            upheld ? "Nothing further is needed." : "You may dispute the record again with new evidence, or ask the "
                                    + "authority that made it to reconsider under the legal basis above. " + Notices.HOW_TO_CONTEST));
        } catch (IllegalStateException e) {
            throw new Refusal(state.rights().dispute(disputeId).isEmpty() ? Refusal.Reason.NOT_FOUND : Refusal.Reason.CONFLICT,
                    e.getMessage());
        }
        state.disputed(dispute.subjectId(), dispute.recordId(), SubjectHistory.NEVER);
        if (upheld) {
            state.changed(dispute.subjectId(), dispute.recordId(), RecordState.ANNULLED);
        }
        return dispute;
    }

    /** Asks for repair of a repairable record once its obligation is fulfilled. */
    public Repair requestRepair(String subjectId, long recordId, String evidence, Actor by,
                                Function<Repair, AuditEvent> audit) {
        StoredRecord record = recordOf(subjectId, recordId);
        Optional<RecordType> type = state.snapshot().rulebook().catalog().recordType(record.submission().type());
        if (type.isEmpty() || !type.get().repairable()) {
            throw new Refusal(Refusal.Reason.NOT_REPAIRABLE, "record " + recordId + " is of type '" + record.submission().type()
                    + "', which the catalog does not allow to be repaired"
                    + type.map(t -> " (legal basis: " + t.legalBasis() + ")").orElse("")
                    + "; it stops counting when it expires, or may be disputed if it is wrong");
        }
        if (!record.state().counts()) {
            throw new Refusal(Refusal.Reason.CONFLICT, "record " + recordId + " is already "
                    + record.state().name().toLowerCase(java.util.Locale.ROOT));
        }
        try {
            return state.rights().requestRepair(recordId, subjectId, evidence, by, state.clock().instant(), audit);
        } catch (IllegalStateException e) {
            throw new Refusal(Refusal.Reason.CONFLICT, e.getMessage());
        }
    }

    /**
     * Approves or refuses a repair request; approved, the record stops counting and leaves lists. The
     * subject's notice is stored with the decision.
     */
    public Repair decideRepair(long repairId, Repair.Status outcome, String note, Actor by,
                               Function<Repair, AuditEvent> audit) {
        Optional<StoredRecord> record = state.rights().repair(repairId).flatMap(r -> state.records().record(r.recordId()));
        boolean approved = outcome == Repair.Status.APPROVED;
        Repair repair;
        try {
            repair = state.rights().decideRepair(repairId, outcome, note, by, state.clock().instant(), audit,
                    decided -> new Notice(0, state.clock().instant(), Notice.Kind.REPAIR_DECIDED,
                            "Your repair request " + repairId + " for record " + describe(record.orElseThrow()) + " was "
                                    + (approved ? "approved: the record is repaired, no longer counts and no longer keeps you on any list."
                                    : "refused: the record stands."),
                            "The operator's reasons: " + note,
                            basis(record.orElseThrow()),
                            approved ? Optional.empty() : expiry(record.orElseThrow()),
                            approved ? "Nothing further is needed." : "You may ask again with further evidence. " + Notices.HOW_TO_CONTEST));
        } catch (IllegalStateException e) {
            throw new Refusal(state.rights().repair(repairId).isEmpty() ? Refusal.Reason.NOT_FOUND : Refusal.Reason.CONFLICT,
                    e.getMessage());
        }
        if (approved) {
            state.changed(repair.subjectId(), repair.recordId(), RecordState.REPAIRED);
        }
        return repair;
    }

    /** A record as a notice names it: {@code 12 (Title, 2026-03-01)}. */
    private String describe(StoredRecord record) {
        return record.id() + " (" + title(record) + ", " + record.submission().occurredAt() + ")";
    }

    /** The record, when it exists and is about {@code subjectId}; otherwise not found, either way. */
    private StoredRecord recordOf(String subjectId, long recordId) {
        return state.records().record(recordId)
                .filter(r -> r.submission().subject().id().equals(subjectId))
                .orElseThrow(() -> new Refusal(Refusal.Reason.NOT_FOUND, "subject has no record " + recordId));
    }

    private String title(StoredRecord record) {
        return state.snapshot().rulebook().catalog().recordType(record.submission().type())
                .map(RecordType::title).orElse(record.submission().type());
    }

    private String basis(StoredRecord record) {
        return state.snapshot().rulebook().catalog().recordType(record.submission().type())
                .map(RecordType::legalBasis).orElse("(record type no longer in the catalog)");
    }

    private Optional<LocalDate> expiry(StoredRecord record) {
        var rulebook = state.snapshot().rulebook();
        var type = rulebook.typeIndex(record.submission().type());
        if (type.isEmpty()) {
            return Optional.empty();
        }
        int day = rulebook.expiresDay(type.getAsInt(), (int) record.submission().occurredAt().toEpochDay());
        return day == SubjectHistory.NEVER ? Optional.empty() : Optional.of(LocalDate.ofEpochDay(day));
    }
}
