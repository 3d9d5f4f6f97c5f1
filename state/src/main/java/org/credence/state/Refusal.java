package org.credence.state;

/** A request about a subject's rights that cannot be granted, and why, in words a subject can act on. */
public final class Refusal extends RuntimeException {

    /** Why: each maps to one response a client can rely on. */
    public enum Reason {
        /** No such record, dispute or repair — or not this subject's, which is told the same way. */
        NOT_FOUND,
        /** The record or request is not in a state that allows this (annulled, already disputed, resolved). */
        CONFLICT,
        /** The catalog does not allow repair of this record type. */
        NOT_REPAIRABLE
    }

    private final Reason reason;

    Refusal(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
