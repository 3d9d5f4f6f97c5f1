package org.credence.api;

import java.util.Optional;
import org.credence.store.AuditLog;

/**
 * A decision's id, as the API answers it to the partner that asked (and {@code credence decide} to
 * its operator) and as its subject reads it in the access log:
 * {@code d-SEQ} for a decision with an audit entry of its own, {@code d-SEQ.N} for the Nth decision of
 * a batch, whose entry SEQ holds them all. So the subject can name, to the trail's auditor or in a
 * dispute, the very decision a partner acted on.
 */
public final class DecisionId {

    /** The audited action of a decision. */
    public static final String ACTION = "decision";

    private DecisionId() {
    }

    /** The id of the decision whose own entry is {@code seq}. */
    public static String of(long seq) {
        return "d-" + seq;
    }

    static String of(long seq, int item) {
        return "d-" + seq + "." + item;
    }

    /** The id of the decision {@code lookup} is, unless it is some other lookup (a file read). */
    public static Optional<String> of(AuditLog.SubjectEvent lookup) {
        if (!lookup.event().action().equals(ACTION)) {
            return Optional.empty();
        }
        return Optional.of(lookup.item() == 0 ? of(lookup.seq()) : of(lookup.seq(), lookup.item()));
    }
}
